namespace Personalize.Lifetime.Backtest;

/// <summary>
/// Takes one customer's orders, in time order, and splits them at the calibration end: the calibration orders give
/// (x, t_x, T) through <see cref="CustomerStatisticsAccumulator"/>, the holdout orders are counted as distinct purchase
/// days, the way calibration purchases are counted.
/// </summary>
internal sealed class CustomerHoldout(ClvBacktestOptions options)
{
    private readonly DateTime _calibrationEnd = options.CalibrationEnd.ToDateTime(TimeOnly.MinValue);
    private readonly DateTime _holdoutEnd = options.HoldoutEnd.ToDateTime(TimeOnly.MinValue);
    private readonly CustomerStatisticsAccumulator _calibration = new();
    private DateTime? _lastHoldoutDay;
    private int _holdoutDays;

    public long CustomerId { get; private set; }

    public void Start(long customerId)
    {
        CustomerId = customerId;
        _calibration.Reset();
        _lastHoldoutDay = null;
        _holdoutDays = 0;
    }

    public void Add(DateTime orderedAt)
    {
        var day = orderedAt.Date;
        // Only purchase days matter to BG/NBD, so the amount is left out of the query and of the statistics.
        if (day <= _calibrationEnd)
            _calibration.Add(orderedAt, 0m);
        else if (day <= _holdoutEnd && day != _lastHoldoutDay)
            (_lastHoldoutDay, _holdoutDays) = (day, _holdoutDays + 1);
    }

    /// <returns>The customer's row, prediction not yet made; null when the first purchase came after the calibration
    /// end.</returns>
    public ClvBacktestCustomer? Finish() =>
        _calibration.Build(options.CalibrationEnd, options.Unit) is { } s
            ? new ClvBacktestCustomer(CustomerId, s.Frequency, s.Recency, s.Age, _holdoutDays, Predicted: 0)
            : null;
}
