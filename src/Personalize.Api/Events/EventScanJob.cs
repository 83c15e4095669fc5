using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Api.Events;

/// <summary>Every `Events:ScanIntervalSeconds`, appends the events time caused (abandoned carts, expiring
/// codes).</summary>
public sealed class EventScanJob(
    TimeEventScanner scanner,
    IOptions<EventOptions> options,
    TimeProvider clock,
    ILogger<EventScanJob> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var background = SqlStatementCounter.Background();
        using var timer = new PeriodicTimer(
            TimeSpan.FromSeconds(Math.Max(1, options.Value.ScanIntervalSeconds)),
            clock
        );
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var found = await scanner.ScanAsync(stoppingToken);
                if (found > 0)
                    logger.LogInformation("Event scan: {Found} events found.", found);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Event scan failed; it runs again at the next interval.");
            }
        }
    }
}
