using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Events;

/// <summary>Reading the outbox.</summary>
public sealed class EventQueries(IDbContextFactory<PersonalizeDbContext> factory)
{
    public const int MaxPage = 1000;

    /// <summary>Events after <paramref name="afterId"/>, oldest first, optionally of some types or one
    /// customer.</summary>
    public async Task<IReadOnlyList<CustomerEvent>> AfterAsync(
        long afterId,
        IReadOnlyCollection<CustomerEventType>? types,
        long? customerId,
        int first,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var events = db.CustomerEvents.Where(e => e.Id > afterId);
        if (types is { Count: > 0 })
            events = events.Where(e => types.Contains(e.Type));
        if (customerId is not null)
            events = events.Where(e => e.CustomerId == customerId);
        return await events.OrderBy(e => e.Id).Take(Math.Clamp(first, 0, MaxPage)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A page of events after the event <paramref name="afterEventId"/> (absent: from the oldest kept), oldest first,
    /// optionally of some types or of one customer (by the caller's id; an unknown customer has none).
    /// </summary>
    /// <exception cref="QueryException">No kept event has the id <paramref name="afterEventId"/>.</exception>
    public async Task<IReadOnlyList<CustomerEvent>> PageAsync(
        string? afterEventId,
        IReadOnlyCollection<CustomerEventType>? types,
        string? customerId,
        int first,
        CancellationToken cancellationToken
    )
    {
        var after = afterEventId is null
            ? 0
            : await InternalIdAsync(afterEventId, cancellationToken)
                ?? throw new QueryException("after", $"no kept event has the id '{afterEventId}'.");
        var customer = customerId is null ? (long?)null : await CustomerIdAsync(customerId, cancellationToken) ?? -1;
        return await AfterAsync(after, types, customer, first, cancellationToken);
    }

    /// <summary>The outbox position of an event id ("evt_…"); null when no kept event has it.</summary>
    public async Task<long?> InternalIdAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db
            .CustomerEvents.Where(e => e.EventId == eventId)
            .Select(e => (long?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<long?> CustomerIdAsync(string externalId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db
            .Customers.Where(c => c.ExternalId == externalId)
            .Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The last event's id: where a new subscription starts.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.CustomerEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
    }
}
