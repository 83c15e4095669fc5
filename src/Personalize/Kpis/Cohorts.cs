using Microsoft.EntityFrameworkCore;
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
public sealed class CohortQueries(IDbContextFactory<PersonalizeDbContext> factory)
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
        var first = new DateTime(from.Year, from.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var cohortCount =
            (to.Year - first.Year) * 12
            + to.Month
            - first.Month
            + (to > new DateTime(to.Year, to.Month, 1, 0, 0, 0, DateTimeKind.Utc) ? 1 : 0);
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

        var sizes = await members
            .GroupBy(c => new { c.FirstOrderAt!.Value.Year, c.FirstOrderAt.Value.Month })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.Month,
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var active = await db
            .Orders.Where(o => o.OrderedAt < to)
            .Join(
                members,
                o => o.CustomerId,
                c => c.Id,
                (o, c) =>
                    new
                    {
                        o.CustomerId,
                        o.OrderedAt,
                        First = c.FirstOrderAt!.Value,
                    }
            )
            .GroupBy(x => new
            {
                x.First.Year,
                x.First.Month,
                After = (x.OrderedAt.Year - x.First.Year) * 12 + x.OrderedAt.Month - x.First.Month,
            })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.Month,
                g.Key.After,
                Customers = g.Select(x => x.CustomerId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);

        return sizes
            .OrderBy(s => s.Year)
            .ThenBy(s => s.Month)
            .Select(size =>
            {
                var month = new DateTime(size.Year, size.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                var observed = Enumerable
                    .Range(0, months)
                    .TakeWhile(k => month.AddMonths(k) < to)
                    .Select(k =>
                    {
                        var count = active
                            .FirstOrDefault(a => a.Year == size.Year && a.Month == size.Month && a.After == k)
                            ?.Customers
                            ?? 0;
                        return new CohortMonth(k, count, (double)count / size.Count, month.AddMonths(k + 1) <= to);
                    })
                    .ToList();
                return new Cohort(month, size.Count, observed);
            })
            .ToList();
    }
}
