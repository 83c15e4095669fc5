namespace Personalize.Lifetime;

/// <summary>
/// Builds one customer's <see cref="CustomerStatistics"/> from transactions added in time order, keeping only running
/// totals, so that a recompute streams millions of orders without holding them. Reusable: <see cref="Reset"/> starts
/// the next customer.
/// </summary>
public sealed class CustomerStatisticsAccumulator
{
    private DateTime _firstDay,
        _lastDay,
        _firstAt,
        _lastAt;
    private decimal _revenue,
        _firstDaySpend,
        _margin;
    private bool _allMargins;
    private int _count,
        _days;

    public CustomerStatisticsAccumulator() => Reset();

    public void Reset() => (_count, _days, _revenue, _firstDaySpend, _margin, _allMargins) = (0, 0, 0m, 0m, 0m, true);

    /// <exception cref="ArgumentException">A transaction earlier than the previous one.</exception>
    public void Add(DateTime time, decimal amount, decimal? margin = null)
    {
        if (_count > 0 && time < _lastAt)
            throw new ArgumentException("Transactions must be added in time order.", nameof(time));
        var day = time.Date;
        if (_count == 0)
            (_firstDay, _firstAt) = (day, time);
        if (_count == 0 || day != _lastDay)
            (_lastDay, _days) = (day, _days + 1);
        if (day == _firstDay)
            _firstDaySpend += amount;
        _revenue += amount;
        if (margin is { } m)
            _margin += m;
        else
            _allMargins = false;
        _lastAt = time;
        _count++;
    }

    /// <returns>The statistics as of <paramref name="asOf"/> (every transaction added must be on or before it), or null
    /// when none was added.</returns>
    public CustomerStatistics? Build(DateOnly asOf, ClvTimeUnit unit)
    {
        if (_count == 0)
            return null;
        var asOfDay = asOf.ToDateTime(TimeOnly.MinValue);
        if (_lastDay > asOfDay)
            throw new InvalidOperationException("A transaction falls after the as-of day.");
        var repeatDays = _days - 1;
        return new CustomerStatistics
        {
            AsOf = asOf,
            Unit = unit,
            Frequency = repeatDays,
            Recency = unit.FromDays((_lastDay - _firstDay).TotalDays),
            Age = unit.FromDays((asOfDay - _firstDay).TotalDays),
            MonetaryValue = repeatDays == 0 ? 0 : (_revenue - _firstDaySpend) / repeatDays,
            Revenue = _revenue,
            OrderCount = _count,
            FirstOrderAt = _firstAt,
            LastOrderAt = _lastAt,
            TenureDays = (int)(asOfDay - _firstDay).TotalDays,
            TotalMargin = _allMargins ? _margin : null,
        };
    }
}
