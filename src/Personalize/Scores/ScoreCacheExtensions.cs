using Personalize.Caching;

namespace Personalize.Scores;

public static class ScoreCacheExtensions
{
    /// <summary>Caches scores under their customers' ids.</summary>
    public static Task SetManyAsync(
        this ICustomerCache<CustomerScore> cache,
        IReadOnlyCollection<CustomerScore> scores,
        CancellationToken cancellationToken
    ) => cache.SetManyAsync(scores.ToDictionary(s => s.CustomerId), cancellationToken);
}
