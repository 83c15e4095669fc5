using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Webhooks;

/// <summary>
/// The first step of the event scan: the outbox keeps `Events:RetentionDays` of events (and their delivery log),
/// longer for what is still to be delivered.
/// </summary>
public sealed class EventRetention(IOptions<EventOptions> options) : IEventScanStep
{
    public async Task<int> ScanAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-options.Value.RetentionDays);
        await db
            .CustomerEvents.Where(e =>
                e.OccurredAt < before
                && !db.WebhookDeliveries.Any(d => d.EventId == e.Id && d.Status == WebhookDeliveryStatus.Pending)
            )
            .ExecuteDeleteAsync(cancellationToken);
        return 0;
    }
}
