using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Events;

/// <summary>An event to append: its customer, type, time and a compact payload (no personal data).</summary>
public sealed record NewEvent(
    long CustomerId,
    CustomerEventType Type,
    DateTime OccurredAt,
    object Data,
    string? DedupeKey = null
);

/// <summary>
/// Writes events into the outbox inside the caller's transaction, so an event exists exactly when its change committed.
/// Each customer's events are numbered by one UPDATE of their row (which also orders concurrent writers of the same
/// customer). Readers in this process are woken at once; other instances find the rows on their next poll.
/// </summary>
public sealed class EventOutbox
{
    // Enums as the schema writes them (AT_RISK), so a payload reads like the API.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Appends the events whose <see cref="NewEvent.DedupeKey"/> the outbox does not hold yet, in a transaction of
    /// their own: the key is unique in the outbox, so a rescan, or two instances scanning at once, add nothing twice.
    /// </summary>
    /// <returns>The events appended.</returns>
    public async Task<int> AppendOnceAsync(
        PersonalizeDbContext db,
        IReadOnlyList<NewEvent> found,
        CancellationToken cancellationToken
    )
    {
        if (found.Count == 0)
            return 0;
        var keys = found
            .Select(f => f.DedupeKey ?? throw new ArgumentException("Every event needs a dedupe key.", nameof(found)))
            .ToList();
        var known = (
            await db
                .CustomerEvents.Where(e => keys.Contains(e.DedupeKey!))
                .Select(e => e.DedupeKey!)
                .ToListAsync(cancellationToken)
        ).ToHashSet();
        var fresh = found.Where(f => !known.Contains(f.DedupeKey!)).ToList();
        if (fresh.Count == 0)
            return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await AppendAsync(db, fresh, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException e) when (e.IsUniqueViolation())
        {
            return 0; // another instance appended them first; the next scan skips them
        }
        return fresh.Count;
    }

    public async Task AppendAsync(
        PersonalizeDbContext db,
        IReadOnlyCollection<NewEvent> events,
        CancellationToken cancellationToken
    )
    {
        if (events.Count == 0)
            return;
        var counts = events.GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.Count());
        // One statement per distinct count of events per customer (one when each customer has one event, as a stage
        // refresh gives): counting each customer's ids in the whole list instead costs customers × events in SQL.
        foreach (var same in counts.GroupBy(c => c.Value, c => c.Key))
        {
            var (ids, added) = (same.ToList(), (long)same.Key);
            await db
                .Customers.Where(c => ids.Contains(c.Id))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.EventSequence, c => c.EventSequence + added),
                    cancellationToken
                );
        }
        var customerIds = counts.Keys.ToList();
        var next = await db
            .Customers.Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.EventSequence })
            .ToDictionaryAsync(c => c.Id, c => c.EventSequence - counts[c.Id], cancellationToken);

        var rows = new List<CustomerEvent>(events.Count);
        foreach (var e in events.OrderBy(e => e.OccurredAt))
            rows.Add(
                new CustomerEvent
                {
                    EventId = NewId(),
                    Type = e.Type,
                    CustomerId = e.CustomerId,
                    Sequence = ++next[e.CustomerId],
                    OccurredAt = e.OccurredAt,
                    Data = JsonSerializer.Serialize(e.Data, Json),
                    DedupeKey = e.DedupeKey,
                }
            );
        await db.Database.OpenConnectionAsync(cancellationToken);
        using (var bulk = new BulkInserter(db))
            bulk.Insert(rows, readGeneratedKeys: false);
        Interlocked.Exchange(ref _appended, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes when this process next appends events (every waiter is woken).</summary>
    public Task NextAppend => Volatile.Read(ref _appended).Task;

    /// <summary>"evt_" and 128 random bits: unique across instances without coordination.</summary>
    public static string NewId() => "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
