namespace Personalize.Scores;

/// <summary>
/// Where current customer scores are read from on hot paths: Redis in production, an in-process dictionary by default.
/// Reads and writes for many customers are one round trip (or one pipelined batch).
/// </summary>
public interface IScoreCache
{
    /// <summary>The cached scores of these customers; customers not in the cache are absent from the result.</summary>
    /// <exception cref="ScoreCacheUnavailableException">The cache is down or too slow; the caller falls back to the database.</exception>
    Task<IReadOnlyDictionary<long, CustomerScore>> GetManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken);

    /// <exception cref="ScoreCacheUnavailableException">The cache is down or too slow.</exception>
    Task SetManyAsync(IReadOnlyCollection<CustomerScore> scores, CancellationToken cancellationToken);

    /// <exception cref="ScoreCacheUnavailableException">The cache is down or too slow.</exception>
    Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken);
}

public sealed class ScoreCacheUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
