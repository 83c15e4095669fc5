using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Querying;
using Personalize.Segments;

namespace Personalize.Kpis;

/// <summary>The customers a dashboard figure covers: everyone, or a segment's current members.</summary>
internal static class KpiScope
{
    /// <returns>The segment's members; null for everyone (so the queries need no filter).</returns>
    public static async Task<IQueryable<Customer>?> MembersAsync(
        PersonalizeDbContext db,
        string? segmentId,
        CancellationToken cancellationToken
    )
    {
        if (segmentId is null)
            return null;
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Slug == segmentId, cancellationToken)
            ?? throw new QueryException("segmentId", $"no segment has the id '{segmentId}'.");
        return db.Customers.Where(SegmentQueries.Rule(segment));
    }
}
