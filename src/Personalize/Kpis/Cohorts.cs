using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Kpis;

/// <summary>One calendar month after a cohort's first-order month: how many of its customers ordered in it.</summary>
/// <param name="Complete">False for the month still running at the end of the observation.</param>
public sealed record CohortMonth(int MonthsAfter, int ActiveCustomers, double Share, bool Complete);

/// <summary>The customers whose first order falls in one calendar month, and their activity in the months
/// after.</summary>
public sealed record Cohort(DateTime Month, int Customers, IReadOnlyList<CohortMonth> Months);

/// <summary>
/// Monthly acquisition cohorts: customers grouped by the calendar month of their first order in [from, to), and for
/// each month after it (0 = the month of the first order, which every member is active in) the share who ordered,
/// observed until <c>to</c>. Two grouped statements whatever the number of cohorts.
/// </summary>
public sealed class CohortQueries(AnalyticsDbContextFactory factory)
{
    public const int MaxMonths = 36;
    public const int MaxCohorts = 60;

    public async Task<IReadOnlyList<Cohort>> RetentionAsync(
        DateTime from,
        DateTime to,
        int months,
        string? segmentId,
        string? channel,
        CancellationToken cancellationToken
    )
    {
        PeriodArguments.Check(from, to);
        if (months is < 1 or > MaxMonths)
            throw new QueryException("months", $"is {months}; it must be between 1 and {MaxMonths}.");
        var first = CalendarMonth.StartOf(from);
        var cohortCount =
            (to.Year - first.Year) * 12 + to.Month - first.Month + (to > CalendarMonth.StartOf(to) ? 1 : 0);
        if (cohortCount > MaxCohorts)
            throw new QueryException(
                "from",
                $"gives {cohortCount} monthly cohorts; at most {MaxCohorts} are allowed: choose a shorter period."
            );

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = (await KpiScope.MembersAsync(db, segmentId, cancellationToken) ?? db.Customers).Where(c =>
            c.FirstOrderAt >= from && c.FirstOrderAt < to
        );
        if (channel is not null)
            members = members.Where(c => c.AcquisitionChannel == channel);

        // Months numbered by TimeBuckets (month k + 1 is cohort k), far cheaper per order than the database's date
        // functions; every first order and every order read lies in [from, to).
        var starts = Enumerable.Range(0, cohortCount).Select(first.AddMonths).ToList();
        var numbers = new TimeBuckets(starts);
        var sizes = await numbers
            .InSql(
                members
                    .GroupBy(c => TimeBuckets.Number(c.FirstOrderAt!.Value))
                    .Select(g => new { Month = g.Key, Count = g.Count() })
            )
            .ToListAsync(cancellationToken);
        var active = (
            await numbers
                .InSql(
                    db.Orders.Where(o => o.OrderedAt < to)
                        .Join(
                            members,
                            o => o.CustomerId,
                            c => c.Id,
                            (o, c) =>
                                new
                                {
                                    o.CustomerId,
                                    Month = TimeBuckets.Number(c.FirstOrderAt!.Value),
                                    Ordered = TimeBuckets.Number(o.OrderedAt),
                                }
                        )
                        .GroupBy(x => new { x.Month, After = x.Ordered - x.Month })
                        .Select(g => new
                        {
                            g.Key.Month,
                            g.Key.After,
                            Customers = g.Select(x => x.CustomerId).Distinct().Count(),
                        })
                )
                .ToListAsync(cancellationToken)
        ).ToDictionary(a => (a.Month, a.After), a => a.Customers);

        return sizes
            .OrderBy(s => s.Month)
            .Select(size =>
            {
                var month = starts[size.Month - 1];
                var observed = Enumerable
                    .Range(0, months)
                    .TakeWhile(k => month.AddMonths(k) < to)
                    .Select(k =>
                    {
                        var count = active.GetValueOrDefault((size.Month, k));
                        return new CohortMonth(k, count, (double)count / size.Count, month.AddMonths(k + 1) <= to);
                    })
                    .ToList();
                return new Cohort(month, size.Count, observed);
            })
            .ToList();
    }
}
