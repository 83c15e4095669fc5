using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Interactions;

/// <summary>
/// An add-to-cart that no purchase of the same item followed within `Events:CartAbandonedAfterMinutes` is an
/// abandoned cart, announced once per cart line.
/// </summary>
public sealed class AbandonedCarts(EventOutbox outbox, IOptions<EventOptions> options) : IEventScanStep
{
    public async Task<int> ScanAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var abandonedBefore = now.AddMinutes(-o.CartAbandonedAfterMinutes);
        var since = now.AddDays(-o.CartLookBackDays);
        var carts = await db
            .Interactions.Where(i =>
                i.Kind == InteractionKind.AddToCart && i.OccurredAt >= since && i.OccurredAt <= abandonedBefore
            )
            .Where(i =>
                !db.Interactions.Any(p =>
                    p.CustomerId == i.CustomerId
                    && p.ContentItemId == i.ContentItemId
                    && p.Kind == InteractionKind.Purchase
                    && p.OccurredAt >= i.OccurredAt
                )
            )
            .Select(i => new
            {
                i.Id,
                i.CustomerId,
                i.OccurredAt,
                Item = db.ContentItems.Where(c => c.Id == i.ContentItemId).Select(c => c.Slug).First(),
            })
            .ToListAsync(cancellationToken);
        return await outbox.AppendOnceAsync(
            db,
            carts
                .Select(c => new NewEvent(
                    c.CustomerId,
                    CustomerEventType.CartAbandoned,
                    c.OccurredAt.AddMinutes(o.CartAbandonedAfterMinutes),
                    new { item = c.Item, addedAt = c.OccurredAt },
                    $"cart:{c.Id}"
                ))
                .ToList(),
            cancellationToken
        );
    }
}
