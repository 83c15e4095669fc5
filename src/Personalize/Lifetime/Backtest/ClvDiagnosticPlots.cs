using System.Globalization;
using System.Text;

namespace Personalize.Lifetime.Backtest;

/// <summary>
/// The data of the standard buy-till-you-die diagnostic plots, as CSV (invariant culture, header row):
/// <list type="bullet">
/// <item><c>clv-calibration-holdout.csv</c> — model, frequency (calibration x; the last row is open, "20+"), customers,
/// mean_actual and mean_predicted holdout purchases: calibration vs holdout purchases by frequency.</item>
/// <item><c>clv-probability-alive.csv</c> — model, frequency, recency, age, probability_alive: P(alive) over a grid of
/// x = 0..min(max x, 40) and t_x in 40 equal steps of the longest calibration age T (the customers' T), the
/// "probability alive matrix". x = 0 has only t_x = 0.</item>
/// </list>
/// </summary>
public static class ClvDiagnosticPlots
{
    public const string CalibrationHoldoutFile = "clv-calibration-holdout.csv";
    public const string ProbabilityAliveFile = "clv-probability-alive.csv";
    private const int MaxGridFrequency = 40;
    private const int RecencySteps = 40;

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(ClvModelComparison comparison, string directory)
    {
        Directory.CreateDirectory(directory);
        var calibration = new StringBuilder("model,frequency,customers,mean_actual,mean_predicted\n");
        var alive = new StringBuilder("model,frequency,recency,age,probability_alive\n");
        var age = comparison.Customers.Count == 0 ? 0 : comparison.Customers.Max(c => c.Age);
        var maxX =
            comparison.Customers.Count == 0
                ? 0
                : Math.Min(MaxGridFrequency, comparison.Customers.Max(c => c.Frequency));
        foreach (var m in comparison.Models.Where(m => m.Fitted))
        {
            var name = m.Kind.ToString();
            var rows = ClvBacktest.HoldoutByFrequency(comparison.Customers, m.Predicted!);
            foreach (var row in rows)
                calibration.Append(F($"{name},{row.Label},{row.Customers},{row.MeanActual:R},{row.MeanPredicted:R}\n"));
            var model = m.Fit.Parameters!.CreateModel();
            for (var x = 0; x <= maxX; x++)
            for (var step = 0; step <= (x == 0 ? 0 : RecencySteps); step++)
            {
                var recency = age * step / RecencySteps;
                alive.Append(F($"{name},{x},{recency:R},{age:R},{model.ProbabilityAlive(x, recency, age):R}\n"));
            }
        }
        var paths = new[]
        {
            Path.Combine(directory, CalibrationHoldoutFile),
            Path.Combine(directory, ProbabilityAliveFile),
        };
        File.WriteAllText(paths[0], calibration.ToString());
        File.WriteAllText(paths[1], alive.ToString());
        return paths;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
