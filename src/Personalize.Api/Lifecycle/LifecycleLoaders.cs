using Personalize.Api.GraphQL;
using Personalize.Lifecycle;

namespace Personalize.Api.Lifecycle;

/// <summary>The lifecycle feature's batch loaders.</summary>
public static class LifecycleLoaders
{
    /// <summary>A customer's stage changes, oldest first.</summary>
    public static Result<IEnumerable<StageChange>?> StageHistoryOf(this BatchLoaders loaders, long customerId) =>
        loaders
            .GetGroups<long, StageChange>("stage-history", (ids, ct) =>
                loaders.Service<StageHistoryQueries>().ByCustomersAsync(ids, ct)
            )
            .Load(customerId);
}
