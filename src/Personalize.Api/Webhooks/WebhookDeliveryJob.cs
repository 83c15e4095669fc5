using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

/// <summary>
/// Runs the webhook dispatcher: a round as soon as this process writes events or a request is answered, else every
/// `Events:Webhooks:PollSeconds` for what other instances wrote; while events keep coming, rounds are at least
/// `GatherSeconds` apart unless the last one was full. Storefront requests never wait on it.
/// </summary>
public sealed class WebhookDeliveryJob(
    WebhookDispatcher dispatcher,
    EventOutbox outbox,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryJob> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Deliver)
            return;
        using var background = SqlStatementCounter.Background();
        var (idle, gather) = (TimeSpan.FromSeconds(o.PollSeconds), TimeSpan.FromSeconds(o.GatherSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var appended = outbox.NextAppend;
            var answered = dispatcher.NextAnswer;
            try
            {
                var (fannedOut, started) = await dispatcher.RunRoundAsync(stoppingToken);
                if (fannedOut >= o.BatchSize || started >= o.BatchSize)
                    continue;
                if (fannedOut > 0 || started > 0)
                {
                    await Task.Delay(gather, stoppingToken);
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook delivery round failed; the next round retries.");
            }
            await Task.WhenAny(appended, answered, Task.Delay(idle, stoppingToken));
        }
    }
}
