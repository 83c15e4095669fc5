using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Offers;

/// <summary>An unredeemed code expiring within `Events:ExpiringWithinDays` is announced once per assignment.</summary>
public sealed class ExpiringOffers(EventOutbox outbox, IOptions<EventOptions> options) : IEventScanStep
{
    public async Task<int> ScanAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var expiringBefore = now.AddDays(options.Value.ExpiringWithinDays);
        var codes = await db
            .OfferAssignments.Where(a => a.RedeemedAt == null && a.ExpiresAt > now && a.ExpiresAt <= expiringBefore)
            .Select(a => new
            {
                a.Id,
                a.CustomerId,
                a.Code,
                a.ExpiresAt,
                Offer = a.Offer.Code,
            })
            .ToListAsync(cancellationToken);
        return await outbox.AppendOnceAsync(
            db,
            codes
                .Select(a => new NewEvent(
                    a.CustomerId,
                    CustomerEventType.OfferExpiring,
                    now,
                    new
                    {
                        offer = a.Offer,
                        code = a.Code,
                        expiresAt = a.ExpiresAt,
                    },
                    $"offer-expiring:{a.Id}"
                ))
                .ToList(),
            cancellationToken
        );
    }
}
