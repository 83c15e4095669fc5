using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;

namespace Personalize.Offers;

/// <summary>
/// The active offers with their countries and segments, read once and shared by every decision (see <see
/// cref="ReferenceDataCache{T}"/>). The instances are shared: treat them as read-only. A budget spent by another
/// instance shows within the refresh time; redemption itself never overspends (its UPDATE is conditional).
/// </summary>
public sealed class OfferCatalog(
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<ReferenceDataOptions> options
)
{
    private readonly ReferenceDataCache<IReadOnlyList<Offer>> _active = new(
        async cancellationToken =>
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await OfferQueries
                .WithDetails(db)
                .Where(o => o.Status == OfferStatus.Active)
                .OrderBy(o => o.Id)
                .ToListAsync(cancellationToken);
        },
        options.Value.MaxAge
    );

    /// <summary>Active offers by id order, whatever their validity window (the caller checks it against its own
    /// clock).</summary>
    public ValueTask<IReadOnlyList<Offer>> ActiveAsync(CancellationToken cancellationToken) =>
        _active.GetAsync(cancellationToken);

    /// <summary>An offer was created, changed or charged in this process.</summary>
    public void Changed() => _active.Invalidate();
}
