using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Acquisition;

/// <summary>
/// Reads acquisition: spend per channel and month, and what each channel spent and acquired over a period (CAC, the
/// value of the customers it brought, payback). A few statements for any period, grouped in SQL by the calendar month
/// of the first order, the channel and, for payback, the month of each order after it.
/// </summary>
public sealed class AcquisitionQueries(AnalyticsDbContextFactory factory)
{
    /// <summary>Spend rows whose month overlaps [from, to) (all when null), oldest first, then by channel.</summary>
    public async Task<IReadOnlyList<MarketingSpend>> SpendAsync(
        DateTime? from,
        DateTime? to,
        string? channel,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.MarketingSpend.AsQueryable();
        if (from is { } start)
            rows = rows.Where(s => s.Month > start.AddMonths(-1));
        if (to is { } end)
            rows = rows.Where(s => s.Month < end);
        if (channel is not null)
            rows = rows.Where(s => s.Channel == channel);
        var list = await rows.OrderBy(s => s.Month).ThenBy(s => s.Channel).ToListAsync(cancellationToken);
        return from is { } f ? list.Where(s => s.Month.AddMonths(1) > f).ToList() : list;
    }

    /// <summary>Every channel named by a customer or a spend row, in order.</summary>
    public async Task<IReadOnlyList<string>> ChannelsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var fromCustomers = await db
            .Customers.Where(c => c.AcquisitionChannel != null)
            .Select(c => c.AcquisitionChannel!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var fromSpend = await db.MarketingSpend.Select(s => s.Channel).Distinct().ToListAsync(cancellationToken);
        return fromCustomers.Union(fromSpend).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The period's acquisition per calendar month and channel, <paramref name="channel"/> limiting it to one channel:
    /// spend (pro rata where the period cuts a month), customers acquired, their margin to date and predicted CLV.
    /// </summary>
    public async Task<AcquisitionMonths> MonthsAsync(
        DateTime from,
        DateTime to,
        string? channel,
        CancellationToken cancellationToken
    )
    {
        PeriodArguments.Check(from, to);
        await Task.Yield(); // as in KpiService.ReportAsync
        return new AcquisitionMonths(from, to, await ByMonthAsync(from, to, channel, cancellationToken));
    }

    private async Task<List<AcquisitionMonths.Row>> ByMonthAsync(
        DateTime from,
        DateTime to,
        string? channel,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var acquired = db.Customers.Where(c => c.FirstOrderAt >= from && c.FirstOrderAt < to);
        if (channel is not null)
            acquired = acquired.Where(c => c.AcquisitionChannel == channel);

        // Months are numbered by TimeBuckets, far cheaper per order than the database's date functions: month 1 is
        // the first month anyone in the period was acquired in, and the months run past the latest order (one more, for
        // orders written while this reads).
        var earliest = await acquired.MinAsync(c => c.FirstOrderAt, cancellationToken);
        var months = new List<DateTime>();
        if (earliest is { } first)
        {
            var latest = await db.Orders.MaxAsync(o => (DateTime?)o.OrderedAt, cancellationToken) ?? first;
            for (var month = CalendarMonth.StartOf(first); month <= latest.AddMonths(1); month = month.AddMonths(1))
                months.Add(month);
        }
        var numbers = new TimeBuckets(months);

        var customers = await numbers
            .InSql(
                acquired
                    .GroupBy(c => new { Month = TimeBuckets.Number(c.FirstOrderAt!.Value), c.AcquisitionChannel })
                    .Select(g => new
                    {
                        g.Key.Month,
                        Channel = g.Key.AcquisitionChannel,
                        Count = g.Count(),
                        Predicted = g.Sum(c => c.PredictedClv) ?? 0m,
                    })
            )
            .ToListAsync(cancellationToken);
        var margins = await numbers
            .InSql(
                db.Orders.Join(
                        acquired,
                        o => o.CustomerId,
                        c => c.Id,
                        (o, c) =>
                            new
                            {
                                Value = o.Margin ?? o.Amount,
                                Month = TimeBuckets.Number(c.FirstOrderAt!.Value),
                                Ordered = TimeBuckets.Number(o.OrderedAt),
                                c.AcquisitionChannel,
                            }
                    )
                    .GroupBy(x => new
                    {
                        x.Month,
                        x.AcquisitionChannel,
                        After = x.Ordered - x.Month,
                    })
                    .Select(g => new
                    {
                        g.Key.Month,
                        Channel = g.Key.AcquisitionChannel,
                        g.Key.After,
                        Margin = g.Sum(x => x.Value),
                    })
            )
            .ToListAsync(cancellationToken);
        var spend = db.MarketingSpend.Where(s => s.Month < to && s.Month > from.AddMonths(-1));
        if (channel is not null)
            spend = spend.Where(s => s.Channel == channel);
        var spent = (await spend.ToListAsync(cancellationToken)).Where(s => s.Month.AddMonths(1) > from).ToList();

        var keys = customers
            .Select(c => (Month: months[c.Month - 1], c.Channel))
            .Concat(spent.Select(s => (s.Month, Channel: (string?)s.Channel)))
            .Distinct();
        var marginOf = margins.ToLookup(m => (months[m.Month - 1], m.Channel));
        return keys.Select(key =>
            {
                var count = customers.FirstOrDefault(c => months[c.Month - 1] == key.Month && c.Channel == key.Channel);
                var byMonth = marginOf[key].Where(m => m.After >= 0).ToList();
                var curve = new decimal[byMonth.Count == 0 ? 0 : byMonth.Max(m => m.After) + 1];
                foreach (var m in byMonth)
                    curve[m.After] += m.Margin;
                var amount = spent
                    .Where(s => s.Month == key.Month && s.Channel == key.Channel)
                    .Sum(s => s.Amount * Overlap(s.Month, from, to));
                return new AcquisitionMonths.Row(
                    key.Month,
                    new ChannelAcquisition(
                        key.Channel,
                        amount,
                        count?.Count ?? 0,
                        byMonth.Sum(m => m.Margin),
                        count?.Predicted ?? 0m,
                        curve
                    )
                );
            })
            .ToList();
    }

    /// <summary>The share of the month starting at <paramref name="month"/> that lies inside [from, to).</summary>
    public static decimal Overlap(DateTime month, DateTime from, DateTime to)
    {
        var end = month.AddMonths(1);
        var inside = (to < end ? to : end) - (from > month ? from : month);
        return inside <= TimeSpan.Zero ? 0m : (decimal)(inside.Ticks / (double)(end - month).Ticks);
    }
}
