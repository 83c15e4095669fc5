using System.Globalization;
using Personalize.Lifetime;
using Personalize.Lifetime.Backtest;
using Personalize.Tests.Import;
using Xunit.Abstractions;

namespace Personalize.Tests.Lifetime.Backtest;

/// <summary>
/// Every purchase model back-tested side by side on the imported CDNOW sample (39-week calibration and holdout), and
/// the diagnostic plot data written from it.
/// </summary>
public sealed class ClvModelComparisonTests(ITestOutputHelper output)
{
    private static readonly string Sample = Path.Combine(
        AppContext.BaseDirectory,
        "TestData",
        "cdnow",
        "CDNOW_sample.txt"
    );
    private static readonly ClvBacktestOptions Paper = new(new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30));

    [Fact]
    public async Task Every_model_is_back_tested_on_the_same_customers_and_its_plot_data_is_written()
    {
        await using var db = await ImportDatabase.CreateAsync();
        Assert.True((await db.Importer.ImportCdnowAsync(Sample)).Committed);

        var comparison = await db.Backtest().CompareAsync(Paper, PurchaseModelKindExtensions.All);
        var single = await db.Backtest().RunAsync(Paper);

        output.WriteLine(comparison.ToString());
        Assert.Equal(PurchaseModelKindExtensions.All, comparison.Models.Select(m => m.Kind));
        Assert.All(comparison.Models, m => Assert.True(m.Fitted, m.Fit.FailureReason));
        foreach (var m in comparison.Models)
            output.WriteLine(
                $"{m.Fit.Parameters} LL {m.Fit.LogLikelihood:F1}: predicted "
                    + $"{m.PredictedHoldoutPurchases:F1} vs {comparison.ActualHoldoutPurchases}, MAE "
                    + $"{m.MeanAbsoluteError:F4}, RMSE {m.RootMeanSquaredError:F4}"
            );
        Assert.Equal(1882, comparison.ActualHoldoutPurchases);
        var bg = comparison.Models.Single(m => m.Kind == PurchaseModelKind.BgNbd);
        // The BG/NBD of the comparison is the single-model back-test's.
        Assert.Equal(
            single.PredictedHoldoutPurchases,
            bg.PredictedHoldoutPurchases,
            1e-3 * single.PredictedHoldoutPurchases
        );
        Assert.Equal(single.MeanAbsoluteError, bg.MeanAbsoluteError, 1e-4);
        var pareto = comparison.Models.Single(m => m.Kind == PurchaseModelKind.ParetoNbd);
        Assert.Equal(0.553, pareto.Fit.Parameters!["r"], 0.553 * 0.01);
        Assert.Equal(11.669, pareto.Fit.Parameters["beta"], 11.669 * 0.01);
        foreach (var m in comparison.Models)
        {
            Assert.Equal(comparison.Customers.Count, m.Predicted!.Count);
            Assert.Equal(
                comparison.Customers.Select((c, i) => Math.Abs(m.Predicted[i] - c.Actual)).Average(),
                m.MeanAbsoluteError,
                12
            );
            Assert.Equal(m.Predicted.Sum(), m.ByFrequency.Sum(r => r.MeanPredicted * r.Customers), 6);
        }

        var directory = Path.Combine(Path.GetTempPath(), "clv-plots-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = ClvDiagnosticPlots.Write(comparison, directory);
            var calibration = File.ReadAllLines(paths[0]);
            Assert.Equal("model,frequency,customers,mean_actual,mean_predicted", calibration[0]);
            Assert.Equal(1 + 3 * 21, calibration.Length);
            var bgRows = calibration.Skip(1).Select(l => l.Split(',')).Where(f => f[0] == "BgNbd").ToList();
            Assert.Equal(2357, bgRows.Sum(f => long.Parse(f[2], CultureInfo.InvariantCulture)));
            Assert.Equal(
                1882,
                bgRows.Sum(f =>
                    long.Parse(f[2], CultureInfo.InvariantCulture) * double.Parse(f[3], CultureInfo.InvariantCulture)
                ),
                6
            );
            Assert.Equal("20+", bgRows[^1][1]);

            var alive = File.ReadAllLines(paths[1]);
            Assert.Equal("model,frequency,recency,age,probability_alive", alive[0]);
            var maxX = Math.Min(40, comparison.Customers.Max(c => c.Frequency));
            Assert.Equal(1 + 3 * (1 + maxX * 41), alive.Length);
            foreach (var line in alive.Skip(1).Where((_, i) => i % 97 == 0))
            {
                var f = line.Split(',');
                var model = comparison.Models.Single(m => m.Kind.ToString() == f[0]).Fit.Parameters!.CreateModel();
                var (x, tx, T) = (
                    int.Parse(f[1], CultureInfo.InvariantCulture),
                    double.Parse(f[2], CultureInfo.InvariantCulture),
                    double.Parse(f[3], CultureInfo.InvariantCulture)
                );
                Assert.Equal(model.ProbabilityAlive(x, tx, T), double.Parse(f[4], CultureInfo.InvariantCulture), 12);
            }
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }
}
