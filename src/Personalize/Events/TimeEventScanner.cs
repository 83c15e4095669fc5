using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Interactions;
using Personalize.Loyalty;
using Personalize.Segments;

namespace Personalize.Events;

/// <summary>
/// Finds the events that time causes rather than a write — an add-to-cart that no purchase followed, an unredeemed code
/// about to expire — and appends each once: its dedupe key (the cart line, the assignment) is unique in the outbox, so
/// a rescan, or two instances scanning at once, add nothing twice. Stage changes caused by time are written by the
/// stage refresh itself.
/// </summary>
public sealed class TimeEventScanner(
    IDbContextFactory<PersonalizeDbContext> factory, EventOutbox outbox, IOptions<EventOptions> options, IOptions<LoyaltyOptions> loyalty, TimeProvider clock)
{
    /// <returns>The events appended.</returns>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await DeleteExpiredAsync(db, now.AddDays(-o.RetentionDays), cancellationToken);

        var abandonedBefore = now.AddMinutes(-o.CartAbandonedAfterMinutes);
        var since = now.AddDays(-o.CartLookBackDays);
        var carts = await db.Interactions
            .Where(i => i.Kind == InteractionKind.AddToCart && i.OccurredAt >= since && i.OccurredAt <= abandonedBefore)
            .Where(i => !db.Interactions.Any(p => p.CustomerId == i.CustomerId && p.ContentItemId == i.ContentItemId
                && p.Kind == InteractionKind.Purchase && p.OccurredAt >= i.OccurredAt))
            .Select(i => new { i.Id, i.CustomerId, i.OccurredAt, Item = db.ContentItems.Where(c => c.Id == i.ContentItemId).Select(c => c.Slug).First() })
            .ToListAsync(cancellationToken);
        var found = carts.Select(c => new NewEvent(c.CustomerId, CustomerEventType.CartAbandoned, c.OccurredAt.AddMinutes(o.CartAbandonedAfterMinutes),
            new { item = c.Item, addedAt = c.OccurredAt }, $"cart:{c.Id}")).ToList();

        var expiringBefore = now.AddDays(o.ExpiringWithinDays);
        var codes = await db.OfferAssignments
            .Where(a => a.RedeemedAt == null && a.ExpiresAt > now && a.ExpiresAt <= expiringBefore)
            .Select(a => new { a.Id, a.CustomerId, a.Code, a.ExpiresAt, Offer = a.Offer.Code })
            .ToListAsync(cancellationToken);
        found.AddRange(codes.Select(a => new NewEvent(a.CustomerId, CustomerEventType.OfferExpiring, now,
            new { offer = a.Offer, code = a.Code, expiresAt = a.ExpiresAt }, $"offer-expiring:{a.Id}")));
        found.AddRange(await ExpiringPointsAsync(db, now, expiringBefore, cancellationToken));
        var segmentEvents = await TrackSegmentsAsync(db, now, cancellationToken) + await TrackTiersAsync(db, now, cancellationToken);
        if (found.Count == 0) return segmentEvents;

        var keys = found.Select(f => f.DedupeKey!).ToList();
        var known = (await db.CustomerEvents.Where(e => keys.Contains(e.DedupeKey!)).Select(e => e.DedupeKey!).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = found.Where(f => !known.Contains(f.DedupeKey!)).ToList();
        if (fresh.Count == 0) return segmentEvents;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await outbox.AppendAsync(db, fresh, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException e) when (e.IsUniqueViolation())
        {
            return 0;  // another instance appended them first; the next scan skips them
        }
        return fresh.Count + segmentEvents;
    }

    /// <summary>The outbox keeps `Events:RetentionDays` of events (and their delivery log), longer for what is still to be delivered.</summary>
    private static Task<int> DeleteExpiredAsync(PersonalizeDbContext db, DateTime before, CancellationToken cancellationToken) =>
        db.CustomerEvents
            .Where(e => e.OccurredAt < before && !db.WebhookDeliveries.Any(d => d.EventId == e.Id && d.Status == WebhookDeliveryStatus.Pending))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Points that will expire unused within the horizon: the ledger read ahead to the horizon's end, with no new
    /// activity, shows each expiry it will write; one event per customer and expiry time.
    /// </summary>
    private async Task<List<NewEvent>> ExpiringPointsAsync(PersonalizeDbContext db, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        var months = loyalty.Value.ExpiryMonths;
        var (creditedAfter, creditedBefore) = (now.AddMonths(-months), until.AddMonths(-months));
        var customers = await db.LoyaltyEntries
            .Where(e => e.Points > 0 && e.OccurredAt > creditedAfter && e.OccurredAt <= creditedBefore)
            .Select(e => e.CustomerId).Distinct().ToListAsync(cancellationToken);
        if (customers.Count == 0) return [];
        var entries = (await db.LoyaltyEntries.Where(e => customers.Contains(e.CustomerId) && e.OccurredAt <= now).ToListAsync(cancellationToken))
            .ToLookup(e => e.CustomerId);
        return customers.SelectMany(id => LoyaltyLedger.Read(entries[id], until, months)
                .Where(l => l.Kind == LoyaltyEntryKind.Expire && l.OccurredAt > now)
                .Select(l => new NewEvent(id, CustomerEventType.PointsExpiring, now,
                    new { points = -l.Points, expiresAt = l.OccurredAt, balanceAfter = l.BalanceAfter },
                    $"points-expiring:{id}:{l.OccurredAt:yyyyMMddHHmmss}")))
            .ToList();
    }

    /// <summary>
    /// Loyalty tiers move with the rolling 12-month spend, by orders and by the passing of time: each customer whose tier
    /// differs from the one last announced gets a tier-changed event, and the new tier is stored with it. The lowest
    /// tier is where everyone starts, unannounced; the first scan of a store announces everyone above it.
    /// </summary>
    private async Task<int> TrackTiersAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var tiers = new LoyaltyTiers(loyalty.Value);
        var lowest = tiers.For(0m).Name;
        var from = LoyaltyTiers.WindowStart(now);
        var spend = await db.Orders.Where(o => o.OrderedAt > from && o.OrderedAt <= now).GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Spend = g.Sum(o => o.Amount) }).ToDictionaryAsync(g => g.CustomerId, g => g.Spend, cancellationToken);
        var announced = await db.Customers.Where(c => c.AnnouncedTier != null && c.AnnouncedTier != lowest)
            .ToDictionaryAsync(c => c.Id, c => c.AnnouncedTier!, cancellationToken);
        var changes = spend.Keys.Union(announced.Keys)
            .Select(id => (Id: id, From: announced.GetValueOrDefault(id, lowest), To: tiers.For(spend.GetValueOrDefault(id)).Name))
            .Where(c => c.From != c.To).ToList();
        if (changes.Count == 0) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Each move is conditional on the tier read: if another instance announced some first, this scan writes nothing.
        foreach (var group in changes.GroupBy(c => (c.From, c.To)))
        {
            var ids = group.Select(c => c.Id).ToList();
            var (was, to) = group.Key;
            var moved = await db.Customers.Where(c => ids.Contains(c.Id) && (c.AnnouncedTier ?? lowest) == was)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AnnouncedTier, to), cancellationToken);
            if (moved != ids.Count) return 0;
        }
        await outbox.AppendAsync(db, changes.Select(c => new NewEvent(c.Id, CustomerEventType.TierChanged, now,
            new { from = c.From, to = c.To, rollingSpend = spend.GetValueOrDefault(c.Id) })).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>
    /// Tracked segments: who entered and who left since the last scan, against the stored memberships, written with
    /// their events in one transaction per segment. The update of the segment's row first orders two scanning
    /// instances, so each change is announced once. A return within the segment's cooldown is a membership again
    /// without a new entry event.
    /// </summary>
    private async Task<int> TrackSegmentsAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var segments = await db.Segments.Where(s => s.Tracked && s.Status == SegmentStatus.Active).ToListAsync(cancellationToken);
        var written = 0;
        foreach (var segment in segments)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Segments.Where(s => s.Id == segment.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.UpdatedAt), cancellationToken);
            var current = (await db.Customers.Where(SegmentQueries.Rule(segment)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
            var members = await db.SegmentMembers.AsTracking().Where(m => m.SegmentId == segment.Id && m.LeftAt == null).ToListAsync(cancellationToken);
            var stored = members.Select(m => m.CustomerId).ToHashSet();
            var entered = current.Where(id => !stored.Contains(id)).ToList();
            var cooldownSince = segment.ReentryCooldownHours is { } hours ? now.AddHours(-hours) : DateTime.MaxValue;
            var returning = entered.Count == 0 ? [] : (await db.SegmentMembers
                .Where(m => m.SegmentId == segment.Id && m.LeftAt >= cooldownSince && entered.Contains(m.CustomerId))
                .Select(m => m.CustomerId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var events = new List<NewEvent>();
            foreach (var member in members.Where(m => !current.Contains(m.CustomerId)))
            {
                member.LeftAt = now;
                events.Add(new NewEvent(member.CustomerId, CustomerEventType.SegmentLeft, now, new { segment = segment.Slug }));
            }
            foreach (var id in entered)
            {
                db.SegmentMembers.Add(new SegmentMember { SegmentId = segment.Id, CustomerId = id, EnteredAt = now });
                if (!returning.Contains(id)) events.Add(new NewEvent(id, CustomerEventType.SegmentEntered, now, new { segment = segment.Slug }));
            }
            await db.SaveChangesAsync(cancellationToken);
            await outbox.AppendAsync(db, events, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            written += events.Count;
        }
        return written;
    }
}
