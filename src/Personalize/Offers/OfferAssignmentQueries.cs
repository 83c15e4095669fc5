using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Offers;

public sealed class OfferAssignmentQueries(IDbContextFactory<PersonalizeDbContext> factory)
{
    public async Task<IReadOnlyDictionary<string, OfferAssignment>> ByCodesAsync(
        IReadOnlyCollection<string> codes,
        CancellationToken cancellationToken
    )
    {
        var normalized = codes.Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = await db
            .OfferAssignments.Include(a => a.Offer)
            .Where(a => normalized.Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, cancellationToken);
        return codes
            .Where(c => found.ContainsKey(c.Trim().ToUpperInvariant()))
            .Distinct()
            .ToDictionary(c => c, c => found[c.Trim().ToUpperInvariant()]);
    }
}
