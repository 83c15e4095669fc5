using Personalize.Common;

namespace Personalize.Acquisition;

/// <summary>
/// A period's acquisition per calendar month and channel, read once by <see cref="AcquisitionQueries.MonthsAsync"/>;
/// the period's report and the month-by-month reports are sums of these rows.
/// </summary>
public sealed class AcquisitionMonths(DateTime from, DateTime to, IReadOnlyList<AcquisitionMonths.Row> rows)
{
    /// <summary>One channel's figures for the customers whose first order falls in <see cref="Month"/>.</summary>
    public sealed record Row(DateTime Month, ChannelAcquisition Figures);

    /// <summary>The whole period, per channel and in total.</summary>
    public AcquisitionReport Report() => Combine(from, to, rows);

    /// <summary>One report per calendar month of the period, the first and last cut to it.</summary>
    public IReadOnlyList<AcquisitionReport> Monthly()
    {
        var reports = new List<AcquisitionReport>();
        for (var start = from; start < to; )
        {
            var next = CalendarMonth.StartOf(start).AddMonths(1);
            var end = next < to ? next : to;
            reports.Add(
                Combine(start, end, rows.Where(m => m.Month.Year == start.Year && m.Month.Month == start.Month))
            );
            start = end;
        }
        return reports;
    }

    private static AcquisitionReport Combine(DateTime from, DateTime to, IEnumerable<Row> months)
    {
        var channels = months
            .GroupBy(m => m.Figures.Channel)
            .Select(g => ChannelAcquisition.Sum(g.Key, g.Select(m => m.Figures)))
            .OrderByDescending(c => c.Spend)
            .ThenByDescending(c => c.AcquiredCustomers)
            .ThenBy(c => c.Channel ?? "\uffff", StringComparer.Ordinal)
            .ToList();
        return new AcquisitionReport(from, to, channels, ChannelAcquisition.Sum(null, channels));
    }
}
