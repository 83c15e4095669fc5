using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Webhooks;

/// <summary>Reading the endpoints and their delivery log.</summary>
public sealed class WebhookQueries(IDbContextFactory<PersonalizeDbContext> factory)
{
    public async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>An endpoint's deliveries, newest event first, with their events.</summary>
    public async Task<ILookup<long, WebhookDelivery>> DeliveriesAsync(
        IReadOnlyCollection<long> endpointIds,
        WebhookDeliveryStatus? status,
        int first,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var take = Math.Clamp(first, 0, EventQueries.MaxPage);
        var rows = new List<WebhookDelivery>();
        foreach (var id in endpointIds)
        {
            var deliveries = db.WebhookDeliveries.Include(d => d.Event).Where(d => d.EndpointId == id);
            if (status is not null)
                deliveries = deliveries.Where(d => d.Status == status);
            rows.AddRange(await deliveries.OrderByDescending(d => d.EventId).Take(take).ToListAsync(cancellationToken));
        }
        return rows.ToLookup(d => d.EndpointId);
    }
}
