using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Querying;
using Personalize.Segments;

namespace Personalize.Kpis;

/// <summary>Customers per stage at the end of a bucket [Start, End).</summary>
public sealed record StageBucket(DateTime Start, DateTime End, IReadOnlyList<StageShare> Stages);

/// <summary>How many times customers moved from one stage to another in a period.</summary>
public sealed record StageFlow(LifecycleStage From, LifecycleStage To, int Transitions);

/// <summary>The stage distribution over time and the moves between stages, from the recorded stage history.</summary>
public sealed record StageFlowReport(IReadOnlyList<StageBucket> Buckets, IReadOnlyList<StageFlow> Flows);

/// <summary>
/// Rebuilds the stage distribution at the end of each bucket from the stage history: a customer created by then is in
/// the stage their latest change before then entered (changes stamped before the customer's creation count from it), or
/// PROSPECT before any change. The history is read once, in the order of its index (customer, time), each change with
/// the bucket it holds from, and replayed here, so it holds however it was recorded (a recompute as of a past date
/// stamps its changes in the past). Customers created per bucket and the period's transitions are grouped in SQL: three
/// statements for any number of buckets.
/// </summary>
public sealed class StageFlowQueries(AnalyticsDbContextFactory factory)
{
    public async Task<StageFlowReport> FlowsAsync(
        DateTime from,
        DateTime to,
        KpiInterval interval,
        string? segmentId,
        CancellationToken cancellationToken
    )
    {
        PeriodArguments.Check(from, to);
        var buckets = KpiService.Buckets(from, to, interval).ToList();
        if (buckets.Count > KpiService.MaxTrendPoints)
            throw new QueryException(
                "interval",
                $"gives {buckets.Count} points for this period; at most {KpiService.MaxTrendPoints} are allowed."
            );

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await KpiScope.MembersAsync(db, segmentId, cancellationToken);
        var customers = scope ?? db.Customers;
        var changes = db.StageChanges.Where(s => s.ChangedAt < to);
        if (scope is not null)
            changes = changes.Where(s => scope.Select(c => c.Id).Contains(s.CustomerId));

        var createdBefore = await customers.CountAsync(c => c.CreatedAt < from, cancellationToken);
        var created = await customers
            .Where(c => c.CreatedAt >= from && c.CreatedAt < to)
            .GroupBy(c => c.CreatedAt.Date)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var flows = (
            await changes
                .Where(s => s.ChangedAt >= from && s.From != null && s.From != s.To)
                .GroupBy(s => new { s.From, s.To })
                .Select(g => new
                {
                    g.Key.From,
                    g.Key.To,
                    Count = g.Count(),
                })
                .ToListAsync(cancellationToken)
        ).Select(f => new StageFlow(f.From!.Value, f.To, f.Count)).OrderByDescending(f => f.Transitions).ThenBy(f => f.From).ThenBy(f => f.To).ToList();

        var stages = Enum.GetValues<LifecycleStage>();
        // changed[k]: customers with a change before the end of bucket k; inStage[k, stage]: of them, in each stage
        // then.
        var changed = new long[buckets.Count];
        var inStage = new long[buckets.Count, stages.Length];
        long? customer = null;
        var latest = new LifecycleStage?[buckets.Count];
        void Close()
        {
            for (var k = 0; k < buckets.Count; k++)
                if (latest[k] is { } stage)
                {
                    changed[k]++;
                    inStage[k, (int)stage]++;
                    latest[k] = null;
                }
        }
        // Times are numbered in SQL over the bucket starts and the period's end (0 before the period, k + 1 in bucket
        // k, past the last bucket at its end), so that the rows carry small numbers instead of dates: a change
        // numbered j, of a customer created at a time numbered c, holds from bucket max(j, c, 1) − 1 on.
        var numbers = new TimeBuckets([.. buckets.Select(b => b.Start), to]);
        var history = numbers.InSql(
            changes
                .Join(
                    customers,
                    s => s.CustomerId,
                    c => c.Id,
                    (s, c) =>
                        new
                        {
                            s.Id,
                            s.CustomerId,
                            s.ChangedAt,
                            s.To,
                            Changed = TimeBuckets.Number(s.ChangedAt),
                            Created = TimeBuckets.Number(c.CreatedAt),
                        }
                )
                .OrderBy(s => s.CustomerId)
                .ThenBy(s => s.ChangedAt)
                .ThenBy(s => s.Id)
                .Select(s => new
                {
                    s.CustomerId,
                    s.To,
                    s.Changed,
                    s.Created,
                })
        );
        await foreach (var change in history.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (change.CustomerId != customer)
            {
                Close();
                customer = change.CustomerId;
            }
            for (var k = Math.Max(Math.Max(change.Changed, change.Created), 1) - 1; k < buckets.Count; k++)
                latest[k] = change.To;
        }
        Close();

        var result = new List<StageBucket>(buckets.Count);
        var existing = (long)createdBefore;
        for (var k = 0; k < buckets.Count; k++)
        {
            var (start, end) = buckets[k];
            existing += created.Where(c => c.Day >= start.Date && c.Day < end).Sum(c => (long)c.Count);
            var counts = stages
                .Select(s => inStage[k, (int)s] + (s == LifecycleStage.Prospect ? existing - changed[k] : 0))
                .ToArray();
            var total = counts.Sum();
            result.Add(
                new StageBucket(
                    start,
                    end,
                    stages
                        .Select(s => new StageShare(
                            s,
                            (int)counts[(int)s],
                            total == 0 ? 0 : (double)counts[(int)s] / total
                        ))
                        .ToList()
                )
            );
        }
        return new StageFlowReport(result, flows);
    }
}
