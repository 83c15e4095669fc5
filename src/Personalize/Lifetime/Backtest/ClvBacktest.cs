using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Lifetime.Backtest;

/// <summary>
/// Back-tests BG/NBD on the stored orders: fits it on the calibration period, predicts each customer's repeat purchase
/// days in the holdout (E[Y(t) | x, t_x, T], t = the holdout length) and compares them with what the customer did.
/// Only customers whose first purchase is on or before the calibration end take part. Orders of every source count.
/// </summary>
/// <remarks>
/// Orders are streamed sorted by customer then time, so one customer's orders are held at a time; what is kept per
/// customer is one small <see cref="ClvBacktestCustomer"/> (about 40 bytes: 40 MB for a million customers).
/// </remarks>
public sealed class ClvBacktest(IDbContextFactory<PersonalizeDbContext> factory)
{
    /// <summary>The frequency table has one row per x below this, then one row for x ≥ this (the paper's
    /// "7+").</summary>
    public const int OpenFrequency = 7;

    /// <summary>The open row of the diagnostic table (<see cref="HoldoutByFrequency"/>): 20+.</summary>
    public const int DiagnosticOpenFrequency = 20;
    private const int ProgressEvery = 10_000;

    /// <exception cref="ModelFitException">BG/NBD could not be fitted (no customers, no repeat
    /// purchase...).</exception>
    public async Task<ClvBacktestResult> RunAsync(
        ClvBacktestOptions options,
        IProgress<ClvBacktestProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var (customers, ordersRead) = await ReadCustomersAsync(options, progress, cancellationToken);
        var data = new RepeatPurchaseData();
        foreach (var c in customers)
            data.Add(c.Frequency, c.Recency, c.Age);

        progress?.Report(new ClvBacktestProgress(ClvBacktestStage.Fitting, ordersRead, customers.Count));
        var fit = BgNbdFitter.Fit(data, options: options.Fit);
        if (!fit.Converged || fit.Parameters is not { } parameters)
            throw new ModelFitException(
                fit.Parameters is { } best
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"{fit.FailureReason} Best point found: r = {best.R:G4}, alpha = {best.Alpha:G4}, a = "
                            + $"{best.A:G4}, b = {best.B:G4}, log-likelihood = {fit.LogLikelihood:0.00}."
                    )
                    : fit.FailureReason ?? "The fit failed."
            );

        progress?.Report(new ClvBacktestProgress(ClvBacktestStage.Predicting, ordersRead, customers.Count));
        var predicted = Selection.PurchaseModelSelector.Predict(
            new BgNbdModel(parameters),
            customers,
            options.HoldoutLength
        );
        for (var i = 0; i < customers.Count; i++)
            customers[i] = customers[i] with { Predicted = predicted[i] };

        var n = Math.Max(1, customers.Count);
        return new ClvBacktestResult(
            options,
            parameters,
            fit.LogLikelihood,
            ordersRead,
            CalibrationRepeatPurchases: customers.Sum(c => (long)c.Frequency),
            ActualHoldoutPurchases: customers.Sum(c => (long)c.Actual),
            PredictedHoldoutPurchases: customers.Sum(c => c.Predicted),
            MeanAbsoluteError: customers.Sum(c => Math.Abs(c.Predicted - c.Actual)) / n,
            RootMeanSquaredError: Math.Sqrt(
                customers.Sum(c => (c.Predicted - c.Actual) * (c.Predicted - c.Actual)) / n
            ),
            FrequencyTable(customers),
            customers,
            stopwatch.Elapsed
        );
    }

    /// <summary>
    /// Back-tests every model in <paramref name="models"/> on the same customers: each is fitted on the calibration
    /// period and predicts the holdout. A model that cannot be fitted is reported with its reason, not thrown.
    /// </summary>
    public async Task<ClvModelComparison> CompareAsync(
        ClvBacktestOptions options,
        IReadOnlyList<PurchaseModelKind> models,
        IProgress<ClvBacktestProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var (customers, ordersRead) = await ReadCustomersAsync(options, progress, cancellationToken);
        return Compare(options, models, customers, ordersRead, progress) with { Elapsed = stopwatch.Elapsed };
    }

    /// <summary><see cref="CompareAsync"/> on customers already read (e.g. a <see cref="BacktestSample"/> of
    /// them).</summary>
    public static ClvModelComparison Compare(
        ClvBacktestOptions options,
        IReadOnlyList<PurchaseModelKind> models,
        IReadOnlyList<ClvBacktestCustomer> customers,
        long ordersRead,
        IProgress<ClvBacktestProgress>? progress = null
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var data = new RepeatPurchaseData();
        foreach (var c in customers)
            data.Add(c.Frequency, c.Recency, c.Age);

        var results = new List<ClvModelBacktest>();
        foreach (var kind in models)
        {
            progress?.Report(new ClvBacktestProgress(ClvBacktestStage.Fitting, ordersRead, customers.Count, kind));
            var fit = PurchaseModelFitter.Fit(kind, data, options: options.Fit);
            if (fit is not { Converged: true, Parameters: { } parameters })
            {
                results.Add(new ClvModelBacktest(kind, fit, null, double.NaN, double.NaN, double.NaN, []));
                continue;
            }
            progress?.Report(new ClvBacktestProgress(ClvBacktestStage.Predicting, ordersRead, customers.Count, kind));
            var predicted = Selection.PurchaseModelSelector.Predict(
                parameters.CreateModel(),
                customers,
                options.HoldoutLength
            );
            var errors = HoldoutErrors.Of(customers, predicted);
            results.Add(
                new ClvModelBacktest(
                    kind,
                    fit,
                    predicted,
                    errors.Predicted,
                    errors.MeanAbsolute,
                    errors.RootMeanSquared,
                    FrequencyTable(customers, predicted, OpenFrequency)
                )
            );
        }
        return new ClvModelComparison(
            options,
            ordersRead,
            customers,
            customers.Sum(c => (long)c.Frequency),
            customers.Sum(c => (long)c.Actual),
            results,
            stopwatch.Elapsed
        );
    }

    /// <summary>
    /// The customers whose first purchase is on or before the calibration end, with their calibration (x, t_x, T) and
    /// actual holdout purchase days, in customer order; and how many orders were read.
    /// </summary>
    public async Task<(List<ClvBacktestCustomer> Customers, long OrdersRead)> ReadCustomersAsync(
        ClvBacktestOptions options,
        IProgress<ClvBacktestProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        if (options.HoldoutEnd <= options.CalibrationEnd)
            throw new ArgumentException("The holdout must end after the calibration end.", nameof(options));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var end = options.HoldoutEnd.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var orders = db
            .Orders.AsNoTracking()
            .Where(o => o.OrderedAt < end)
            .OrderBy(o => o.CustomerId)
            .ThenBy(o => o.OrderedAt)
            .Select(o => new { o.CustomerId, o.OrderedAt })
            .AsAsyncEnumerable();

        var customers = new List<ClvBacktestCustomer>();
        var current = new CustomerHoldout(options);
        long ordersRead = 0,
            customersRead = 0;
        var started = false;
        await foreach (var order in orders.WithCancellation(cancellationToken))
        {
            if (!started || order.CustomerId != current.CustomerId)
            {
                if (started)
                    Finish();
                current.Start(order.CustomerId);
                started = true;
            }
            ordersRead++;
            current.Add(order.OrderedAt);
        }
        if (started)
            Finish();
        progress?.Report(new ClvBacktestProgress(ClvBacktestStage.ReadingOrders, ordersRead, customersRead));
        return (customers, ordersRead);

        void Finish()
        {
            if (current.Finish() is { } customer)
                customers.Add(customer);
            if (++customersRead % ProgressEvery == 0)
                progress?.Report(new ClvBacktestProgress(ClvBacktestStage.ReadingOrders, ordersRead, customersRead));
        }
    }

    /// <summary>Mean actual and predicted holdout purchases by calibration frequency: x = 0 .. open−1, then one row for
    /// x ≥ open.</summary>
    public static List<ClvBacktestFrequencyRow> FrequencyTable(
        IReadOnlyList<ClvBacktestCustomer> customers,
        int open = OpenFrequency
    ) => FrequencyTable(customers, customers.Select(c => c.Predicted).ToArray(), open);

    /// <summary>
    /// The calibration vs holdout diagnostic (x = 0..19, then 20+) that `evaluate clv --plots-dir` writes and each
    /// back-tested candidate of a snapshot stores; <paramref name="predicted"/> is in the order of the customers.
    /// </summary>
    public static List<ClvBacktestFrequencyRow> HoldoutByFrequency(
        IReadOnlyList<ClvBacktestCustomer> customers,
        IReadOnlyList<double> predicted
    ) => FrequencyTable(customers, predicted, DiagnosticOpenFrequency);

    private static List<ClvBacktestFrequencyRow> FrequencyTable(
        IReadOnlyList<ClvBacktestCustomer> customers,
        IReadOnlyList<double> predictions,
        int open
    )
    {
        var count = new long[open + 1];
        var actual = new double[open + 1];
        var predicted = new double[open + 1];
        for (var i = 0; i < customers.Count; i++)
        {
            var row = Math.Min(customers[i].Frequency, open);
            count[row]++;
            actual[row] += customers[i].Actual;
            predicted[row] += predictions[i];
        }
        return Enumerable
            .Range(0, open + 1)
            .Select(x => new ClvBacktestFrequencyRow(
                x,
                x == open ? null : x,
                count[x],
                count[x] == 0 ? 0 : actual[x] / count[x],
                count[x] == 0 ? 0 : predicted[x] / count[x]
            ))
            .ToList();
    }
}
