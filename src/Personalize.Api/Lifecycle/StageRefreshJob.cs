using Microsoft.Extensions.Options;
using Personalize.Lifecycle;

namespace Personalize.Api.Lifecycle;

/// <summary>
/// Time alone moves customers between stages (a silent ACTIVE customer becomes AT_RISK): every
/// `Lifecycle:RefreshIntervalMinutes` the stored stages are re-judged as of now, set-based in SQL.
/// </summary>
public sealed class StageRefreshJob(
    CustomerSummaryRefresher refresher,
    IOptions<LifecycleOptions> options,
    TimeProvider clock,
    ILogger<StageRefreshJob> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(
            TimeSpan.FromMinutes(Math.Max(1, options.Value.RefreshIntervalMinutes)),
            clock
        );
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var changed = await refresher.RefreshStagesAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                logger.LogInformation("Stage refresh: {Changed} customers changed stage.", changed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Stage refresh failed; it runs again at the next interval.");
            }
        }
    }
}
