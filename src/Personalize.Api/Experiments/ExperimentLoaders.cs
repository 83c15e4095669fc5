using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

/// <summary>The experiments feature's batch loaders.</summary>
public static class ExperimentLoaders
{
    /// <summary>An experiment by its id; null when unknown.</summary>
    public static Result<Experiment?> ExperimentById(this BatchLoaders loaders, string id) =>
        loaders
            .Get<string, Experiment>("experiment-by-id", (ids, ct) =>
                loaders.Service<ExperimentService>().ByKeysAsync(ids, ct)
            )
            .Load(id);

    /// <summary>Where a customer (by the caller's id) stands in an experiment.</summary>
    public static Result<ExperimentAssignment?> AssignmentIn(
        this BatchLoaders loaders,
        string experimentId,
        string customerId
    ) =>
        loaders
            .Get<string, ExperimentAssignment>($"experiment-assignment({experimentId})", (ids, ct) =>
                loaders.Service<ExperimentService>().AssignmentsAsync(experimentId, ids, ct)
            )
            .Load(customerId);

    /// <summary>An experiment's results, computed for a page of experiments at once.</summary>
    public static Result<ExperimentResults?> ResultsOf(this BatchLoaders loaders, Experiment experiment) =>
        loaders
            .Get<Experiment, ExperimentResults>("experiment-results", async (experiments, ct) =>
            {
                var byId = await loaders.Service<ExperimentService>().ResultsAsync(experiments, ct);
                return experiments.Distinct().ToDictionary(e => e, e => byId[e.Id]);
            })
            .Load(experiment);
}
