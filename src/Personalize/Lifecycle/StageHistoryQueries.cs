using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Lifecycle;

public sealed class StageHistoryQueries(IDbContextFactory<PersonalizeDbContext> factory)
{
    /// <summary>Each customer's stage changes, oldest first — one statement for all the ids.</summary>
    public async Task<ILookup<long, StageChange>> ByCustomersAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var changes = await db
            .StageChanges.Where(s => customerIds.Contains(s.CustomerId))
            .OrderBy(s => s.CustomerId)
            .ThenBy(s => s.ChangedAt)
            .ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return changes.ToLookup(s => s.CustomerId);
    }
}
