using Personalize.Api.GraphQL;
using Personalize.Scores;

namespace Personalize.Api.Scores;

/// <summary>The scores feature's batch loaders.</summary>
public static class ScoreLoaders
{
    /// <summary>A customer's current scores, from the score cache or the database; null until scored.</summary>
    public static Result<CustomerScore?> ScoreOf(this BatchLoaders loaders, long customerId) =>
        loaders
            .Get<long, CustomerScore>("score", (ids, ct) => loaders.Service<ScoreReader>().GetManyAsync(ids, ct))
            .Load(customerId);
}
