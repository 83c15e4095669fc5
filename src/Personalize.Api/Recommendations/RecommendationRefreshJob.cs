using Microsoft.Extensions.Options;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

/// <summary>
/// Every `Recommendations:RefreshSeconds` (5) looks for a newer model version, changed content or changed placements
/// (three small statements) and swaps the serving snapshot when something changed: a model trained by another process
/// is served without a restart, and requests in flight finish on the snapshot they started with.
/// </summary>
public sealed class RecommendationRefreshJob(
    RecommendationSnapshots snapshots,
    IOptions<RecommendationOptions> options,
    TimeProvider clock,
    ILogger<RecommendationRefreshJob> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await snapshots.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recommendation refresh failed; the current model and catalog stay in service.");
            }
        }
    }
}
