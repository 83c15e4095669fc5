using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Interactions;
using Personalize.Segments;

namespace Personalize.Events;

/// <summary>
/// Finds the events that time causes rather than a write — an add-to-cart that no purchase followed, an unredeemed code
/// about to expire — and appends each once: its dedupe key (the cart line, the assignment) is unique in the outbox, so
/// a rescan, or two instances scanning at once, add nothing twice. Stage changes caused by time are written by the
/// stage refresh itself.
/// </summary>
public sealed class TimeEventScanner(IDbContextFactory<PersonalizeDbContext> factory, EventOutbox outbox, IOptions<EventOptions> options, TimeProvider clock)
{
    /// <returns>The events appended.</returns>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

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
        var segmentEvents = await TrackSegmentsAsync(db, now, cancellationToken);
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
