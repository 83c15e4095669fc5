using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Loyalty;

/// <summary>The loyalty events time causes: points about to expire unused, and tiers moving with the rolling
/// spend.</summary>
public sealed class LoyaltyEventScan(
    EventOutbox outbox,
    IOptions<EventOptions> events,
    IOptions<LoyaltyOptions> loyalty
) : IEventScanStep
{
    public async Task<int> ScanAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken) =>
        await outbox.AppendOnceAsync(
            db,
            await ExpiringPointsAsync(db, now, now.AddDays(events.Value.ExpiringWithinDays), cancellationToken),
            cancellationToken
        ) + await TrackTiersAsync(db, now, cancellationToken);

    /// <summary>
    /// Points that will expire unused within the horizon: the ledger read ahead to the horizon's end, with no new
    /// activity, shows each expiry it will write; one event per customer and expiry time.
    /// </summary>
    private async Task<List<NewEvent>> ExpiringPointsAsync(
        PersonalizeDbContext db,
        DateTime now,
        DateTime until,
        CancellationToken cancellationToken
    )
    {
        var months = loyalty.Value.ExpiryMonths;
        var (creditedAfter, creditedBefore) = (now.AddMonths(-months), until.AddMonths(-months));
        var customers = await db
            .LoyaltyEntries.Where(e => e.Points > 0 && e.OccurredAt > creditedAfter && e.OccurredAt <= creditedBefore)
            .Select(e => e.CustomerId)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (customers.Count == 0)
            return [];
        var entries = (
            await db
                .LoyaltyEntries.Where(e => customers.Contains(e.CustomerId) && e.OccurredAt <= now)
                .ToListAsync(cancellationToken)
        ).ToLookup(e => e.CustomerId);
        return customers
            .SelectMany(id =>
                LoyaltyLedger
                    .Read(entries[id], until, months)
                    .Where(l => l.Kind == LoyaltyEntryKind.Expire && l.OccurredAt > now)
                    .Select(l => new NewEvent(
                        id,
                        CustomerEventType.PointsExpiring,
                        now,
                        new
                        {
                            points = -l.Points,
                            expiresAt = l.OccurredAt,
                            balanceAfter = l.BalanceAfter,
                        },
                        $"points-expiring:{id}:{l.OccurredAt:yyyyMMddHHmmss}"
                    ))
            )
            .ToList();
    }

    /// <summary>
    /// Loyalty tiers move with the rolling 12-month spend, by orders and by the passing of time: each customer whose
    /// tier differs from the one last announced gets a tier-changed event, and the new tier is stored with it. The
    /// lowest tier is where everyone starts, unannounced; the first scan of a store announces everyone above it.
    /// </summary>
    private async Task<int> TrackTiersAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var tiers = new LoyaltyTiers(loyalty.Value);
        var lowest = tiers.For(0m).Name;
        var from = LoyaltyTiers.WindowStart(now);
        var spend = await db
            .Orders.Where(o => o.OrderedAt > from && o.OrderedAt <= now)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Spend = g.Sum(o => o.Amount) })
            .ToDictionaryAsync(g => g.CustomerId, g => g.Spend, cancellationToken);
        var announced = await db
            .Customers.Where(c => c.AnnouncedTier != null && c.AnnouncedTier != lowest)
            .ToDictionaryAsync(c => c.Id, c => c.AnnouncedTier!, cancellationToken);
        var changes = spend
            .Keys.Union(announced.Keys)
            .Select(id =>
                (Id: id, From: announced.GetValueOrDefault(id, lowest), To: tiers.For(spend.GetValueOrDefault(id)).Name)
            )
            .Where(c => c.From != c.To)
            .ToList();
        if (changes.Count == 0)
            return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Each move is conditional on the tier read: if another instance announced some first, this scan writes
        // nothing.
        foreach (var group in changes.GroupBy(c => (c.From, c.To)))
        {
            var ids = group.Select(c => c.Id).ToList();
            var (was, to) = group.Key;
            var moved = await db
                .Customers.Where(c => ids.Contains(c.Id) && (c.AnnouncedTier ?? lowest) == was)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AnnouncedTier, to), cancellationToken);
            if (moved != ids.Count)
                return 0;
        }
        await outbox.AppendAsync(
            db,
            changes
                .Select(c => new NewEvent(
                    c.Id,
                    CustomerEventType.TierChanged,
                    now,
                    new
                    {
                        from = c.From,
                        to = c.To,
                        rollingSpend = spend.GetValueOrDefault(c.Id),
                    }
                ))
                .ToList(),
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }
}
