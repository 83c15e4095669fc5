using System.Globalization;
using System.Text.Json.Serialization;

namespace Personalize.Lifetime.Backtest;

/// <summary>
/// One customer of a back-test: the calibration history (x, t_x, T), the repeat purchase days actually made in the
/// holdout, and the BG/NBD conditional expectation for the holdout.
/// </summary>
public readonly record struct ClvBacktestCustomer(
    long CustomerId,
    int Frequency,
    double Recency,
    double Age,
    int Actual,
    double Predicted
);

/// <summary>The customers with calibration frequency x in [<see cref="MinFrequency"/>, <see cref="MaxFrequency"/>] (no
/// upper bound when null).</summary>
public sealed record ClvBacktestFrequencyRow(
    int MinFrequency,
    int? MaxFrequency,
    long Customers,
    double MeanActual,
    double MeanPredicted
)
{
    /// <summary>"3", or "7+" for the open last row.</summary>
    [JsonIgnore]
    public string Label =>
        MaxFrequency is null ? $"{MinFrequency}+" : MinFrequency.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The outcome of a BG/NBD back-test: the fit on the calibration period, and predicted against actual repeat purchase
/// days in the holdout, in total, per customer (MAE, RMSE) and by calibration frequency (the "conditional expectations"
/// of Fader, Hardie &amp; Lee 2005, figure 5).
/// </summary>
public sealed record ClvBacktestResult(
    ClvBacktestOptions Options,
    BgNbdParameters Parameters,
    double LogLikelihood,
    long OrdersRead,
    long CalibrationRepeatPurchases,
    long ActualHoldoutPurchases,
    double PredictedHoldoutPurchases,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    IReadOnlyList<ClvBacktestFrequencyRow> ByFrequency,
    IReadOnlyList<ClvBacktestCustomer> Customers,
    TimeSpan Elapsed
)
{
    /// <summary>(predicted − actual) / actual; NaN when nobody bought in the holdout.</summary>
    public double RelativeError =>
        ActualHoldoutPurchases == 0
            ? double.NaN
            : (PredictedHoldoutPurchases - ActualHoldoutPurchases) / ActualHoldoutPurchases;

    /// <summary>The one-line summary the command line ends with.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Back-tested BG/NBD on {Customers.Count:N0} customers, calibration to "
                + $"{Options.CalibrationEnd:yyyy-MM-dd}, holdout to {Options.HoldoutEnd:yyyy-MM-dd} "
                + $"({Options.HoldoutLength:0.##} {Options.Unit.ToString().ToLowerInvariant()}s): predicted "
                + $"{PredictedHoldoutPurchases:N1} vs actual {ActualHoldoutPurchases:N0} "
                + $"repeat purchases ({RelativeError:+0.0%;-0.0%}), MAE {MeanAbsoluteError:0.000}, RMSE "
                + $"{RootMeanSquaredError:0.000} in {Elapsed.TotalSeconds:0.0} s"
        );
}
