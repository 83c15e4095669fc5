using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Events;

/// <summary>Reading the outbox and the delivery log.</summary>
public sealed class EventQueries(IDbContextFactory<PersonalizeDbContext> factory)
{
    public const int MaxPage = 1000;

    /// <summary>Events after <paramref name="afterId"/>, oldest first, optionally of some types or one customer.</summary>
    public async Task<IReadOnlyList<CustomerEvent>> AfterAsync(long afterId, IReadOnlyCollection<CustomerEventType>? types, long? customerId, int first, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var events = db.CustomerEvents.Where(e => e.Id > afterId);
        if (types is { Count: > 0 }) events = events.Where(e => types.Contains(e.Type));
        if (customerId is not null) events = events.Where(e => e.CustomerId == customerId);
        return await events.OrderBy(e => e.Id).Take(Math.Clamp(first, 0, MaxPage)).ToListAsync(cancellationToken);
    }

    /// <summary>The outbox position of an event id ("evt_…"); null when no kept event has it.</summary>
    public async Task<long?> InternalIdAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.CustomerEvents.Where(e => e.EventId == eventId).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<long?> CustomerIdAsync(string externalId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Customers.Where(c => c.ExternalId == externalId).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The last event's id: where a new subscription starts.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.CustomerEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>An endpoint's deliveries, newest event first, with their events.</summary>
    public async Task<ILookup<long, WebhookDelivery>> DeliveriesAsync(IReadOnlyCollection<long> endpointIds, WebhookDeliveryStatus? status, int first, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var take = Math.Clamp(first, 0, MaxPage);
        var rows = new List<WebhookDelivery>();
        foreach (var id in endpointIds)
        {
            var deliveries = db.WebhookDeliveries.Include(d => d.Event).Where(d => d.EndpointId == id);
            if (status is not null) deliveries = deliveries.Where(d => d.Status == status);
            rows.AddRange(await deliveries.OrderByDescending(d => d.EventId).Take(take).ToListAsync(cancellationToken));
        }
        return rows.ToLookup(d => d.EndpointId);
    }
}
