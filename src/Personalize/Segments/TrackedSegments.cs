using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Segments;

/// <summary>
/// Tracked segments: who entered and who left since the last scan, against the stored memberships, written with
/// their events in one transaction per segment. The update of the segment's row first orders two scanning
/// instances, so each change is announced once. A return within the segment's cooldown is a membership again
/// without a new entry event.
/// </summary>
public sealed class TrackedSegments(EventOutbox outbox) : IEventScanStep
{
    public async Task<int> ScanAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var segments = await db
            .Segments.Where(s => s.Tracked && s.Status == SegmentStatus.Active)
            .ToListAsync(cancellationToken);
        var written = 0;
        foreach (var segment in segments)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db
                .Segments.Where(s => s.Id == segment.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.UpdatedAt), cancellationToken);
            var current = (
                await db.Customers.Where(SegmentQueries.Rule(segment)).Select(c => c.Id).ToListAsync(cancellationToken)
            ).ToHashSet();
            var members = await db
                .SegmentMembers.AsTracking()
                .Where(m => m.SegmentId == segment.Id && m.LeftAt == null)
                .ToListAsync(cancellationToken);
            var stored = members.Select(m => m.CustomerId).ToHashSet();
            var entered = current.Where(id => !stored.Contains(id)).ToList();
            var cooldownSince = segment.ReentryCooldownHours is { } hours ? now.AddHours(-hours) : DateTime.MaxValue;
            var returning =
                entered.Count == 0
                    ? []
                    : (
                        await db
                            .SegmentMembers.Where(m =>
                                m.SegmentId == segment.Id && m.LeftAt >= cooldownSince && entered.Contains(m.CustomerId)
                            )
                            .Select(m => m.CustomerId)
                            .Distinct()
                            .ToListAsync(cancellationToken)
                    ).ToHashSet();
            var events = new List<NewEvent>();
            foreach (var member in members.Where(m => !current.Contains(m.CustomerId)))
            {
                member.LeftAt = now;
                events.Add(
                    new NewEvent(member.CustomerId, CustomerEventType.SegmentLeft, now, new { segment = segment.Slug })
                );
            }
            foreach (var id in entered)
            {
                db.SegmentMembers.Add(
                    new SegmentMember
                    {
                        SegmentId = segment.Id,
                        CustomerId = id,
                        EnteredAt = now,
                    }
                );
                if (!returning.Contains(id))
                    events.Add(new NewEvent(id, CustomerEventType.SegmentEntered, now, new { segment = segment.Slug }));
            }
            await db.SaveChangesAsync(cancellationToken);
            await outbox.AppendAsync(db, events, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            written += events.Count;
        }
        return written;
    }
}
