using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Segments;

namespace Personalize.Kpis;

/// <summary>The current CLV of a segment's members (or of everyone, when <see cref="Segment"/> is null).</summary>
public sealed record SegmentClv(
    Segment? Segment,
    int Customers,
    int ScoredCustomers,
    decimal TotalPredictedClv,
    decimal TotalHistoricalClv
)
{
    public decimal? AveragePredictedClv => ScoredCustomers == 0 ? null : TotalPredictedClv / ScoredCustomers;
    public decimal? AverageHistoricalClv => ScoredCustomers == 0 ? null : TotalHistoricalClv / ScoredCustomers;
}

/// <summary>CLV by segment: every active segment's members, counted in one statement (a UNION ALL of the segments'
/// rules).</summary>
public sealed class SegmentClvQueries(AnalyticsDbContextFactory factory)
{
    public const int MaxSegments = 100;

    /// <returns>Everyone first, then the first <paramref name="first"/> active segments by name.</returns>
    public async Task<IReadOnlyList<SegmentClv>> ClvBySegmentAsync(int first, CancellationToken cancellationToken)
    {
        if (first is < 1 or > MaxSegments)
            throw new Querying.QueryException("first", $"is {first}; it must be between 1 and {MaxSegments}.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var segments = await db
            .Segments.Where(s => s.Status == SegmentStatus.Active)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .Take(first)
            .ToListAsync(cancellationToken);
        var everyone = db.Customers.Select(c => new Member
        {
            SegmentId = 0,
            PredictedClv = c.PredictedClv,
            HistoricalClv = c.HistoricalClv,
        });
        var rows = segments.Aggregate(everyone, (all, segment) =>
        {
            var id = segment.Id;
            return all.Concat(
                db.Customers.Where(SegmentQueries.Rule(segment))
                    .Select(c => new Member
                    {
                        SegmentId = id,
                        PredictedClv = c.PredictedClv,
                        HistoricalClv = c.HistoricalClv,
                    })
            );
        });
        var totals = await rows.GroupBy(m => m.SegmentId)
            .Select(g => new
            {
                SegmentId = g.Key,
                Customers = g.Count(),
                Scored = g.Count(m => m.PredictedClv != null),
                Predicted = g.Sum(m => m.PredictedClv) ?? 0m,
                Historical = g.Sum(m => m.PredictedClv != null ? m.HistoricalClv : null) ?? 0m,
            })
            .ToDictionaryAsync(t => t.SegmentId, cancellationToken);
        return segments
            .Prepend(null)
            .Select(s =>
                totals.TryGetValue(s?.Id ?? 0, out var t)
                    ? new SegmentClv(s, t.Customers, t.Scored, t.Predicted, t.Historical)
                    : new SegmentClv(s, 0, 0, 0, 0)
            )
            .ToList();
    }

    // A class with settable properties so EF Core can union and group on its members.
    private sealed class Member
    {
        public long SegmentId { get; init; }
        public decimal? PredictedClv { get; init; }
        public decimal? HistoricalClv { get; init; }
    }
}
