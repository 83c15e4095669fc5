using Microsoft.EntityFrameworkCore;
using Personalize.Lifetime;
using Personalize.Lifetime.Backtest;
using Personalize.Tests.Import;

namespace Personalize.Tests.Lifetime.Backtest;

/// <summary>
/// Six hand-made customers whose calibration statistics and holdout purchase days are known by hand, added to the
/// CDNOW sample so that the fit has the data it needs to converge. Time in days.
/// </summary>
public sealed class ClvBacktestTests
{
    // Calibration to 1997-09-30 (included), holdout 1997-10-01..1998-06-30 (273 days).
    private static readonly ClvBacktestOptions Options = new(
        new DateOnly(1997, 9, 30),
        new DateOnly(1998, 6, 30),
        ClvTimeUnit.Day
    );
    private static readonly string Sample = Path.Combine(
        AppContext.BaseDirectory,
        "TestData",
        "cdnow",
        "CDNOW_sample.txt"
    );

    private const string HandMade = """
         90001 19970101  1   10.00
         90001 19970201  1   10.00
         90001 19970201  2   20.00
         90001 19970930  1   10.00
         90001 19971001  1   10.00
         90001 19971001  1   10.00
         90001 19971115  1    0.00
         90001 19980701  1   10.00
         90002 19970110  1   10.00
         90002 19980630  1   10.00
         90003 19971002  1   10.00
         90003 19971010  1   10.00
         90004 19970815  1   10.00
         90004 19970901  1   10.00
         90005 19970105  1   10.00
         90005 19970120  1   10.00
         90005 19970210  1   10.00
         90005 19970305  1   10.00
         90005 19971010  1   10.00
         90005 19971020  1   10.00
         90005 19980201  1   10.00
         90006 19970901  1   10.00
        """;

    [Fact]
    public async Task Holdout_purchases_are_distinct_days_after_the_calibration_end_up_to_the_holdout_end()
    {
        await using var db = await ImportDatabase.CreateAsync();
        Assert.True((await db.Importer.ImportCdnowAsync(Sample)).Committed);
        Assert.True((await db.Importer.ImportCdnowAsync(db.File("hand-made.txt", HandMade))).Committed);
        var progress = new List<ClvBacktestProgress>();

        var result = await db.Backtest().RunAsync(Options, new SynchronousProgress<ClvBacktestProgress>(progress.Add));

        var externalIds = await db.QueryAsync(d => d.Customers.ToDictionaryAsync(c => c.Id, c => c.ExternalId));
        var rows = result.Customers.ToDictionary(c => externalIds[c.CustomerId]);
        // 90003 first bought after the calibration end: not part of the back-test.
        Assert.Equal(["90001", "90002", "90004", "90005", "90006"], rows.Keys.Where(IsHandMade).Order());
        Assert.Equal(2357 + 5, rows.Count);
        // two orders on 10-01 are one day; 1998-07-01 is after the holdout
        Assert.Equal((2, 272.0, 272.0, 2), Shape(rows["90001"]));
        Assert.Equal((0, 0.0, 263.0, 1), Shape(rows["90002"])); // the holdout end day is included
        Assert.Equal((1, 17.0, 46.0, 0), Shape(rows["90004"]));
        Assert.Equal((3, 59.0, 268.0, 3), Shape(rows["90005"]));
        Assert.Equal((0, 0.0, 29.0, 0), Shape(rows["90006"]));

        var model = new BgNbdModel(result.Parameters);
        foreach (var c in result.Customers.Where(c => IsHandMade(externalIds[c.CustomerId])))
            Assert.Equal(model.ConditionalExpectedPurchases(273, c.Frequency, c.Recency, c.Age), c.Predicted, 12);
        Assert.Equal(273, Options.HoldoutLength);
        Assert.Equal(SampleHoldoutDays() + 6, result.ActualHoldoutPurchases);
        Assert.Equal(result.Customers.Sum(c => c.Predicted), result.PredictedHoldoutPurchases, 9);
        Assert.Equal(result.Customers.Average(c => Math.Abs(c.Predicted - c.Actual)), result.MeanAbsoluteError, 12);
        Assert.Equal(
            Math.Sqrt(result.Customers.Average(c => Math.Pow(c.Predicted - c.Actual, 2))),
            result.RootMeanSquaredError,
            12
        );
        Assert.Equal(6919 + 21, result.OrdersRead); // the order after the holdout end is not read

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], result.ByFrequency.Select(r => r.Label));
        foreach (var row in result.ByFrequency)
        {
            var members = result
                .Customers.Where(c =>
                    c.Frequency >= row.MinFrequency && c.Frequency <= (row.MaxFrequency ?? int.MaxValue)
                )
                .ToList();
            Assert.Equal(members.Count, row.Customers);
            Assert.Equal(members.Average(c => c.Actual), row.MeanActual, 12);
            Assert.Equal(members.Average(c => c.Predicted), row.MeanPredicted, 12);
        }

        Assert.Equal(
            [ClvBacktestStage.ReadingOrders, ClvBacktestStage.Fitting, ClvBacktestStage.Predicting],
            progress.Select(p => p.Stage)
        );
        Assert.Equal((6919 + 21, 2357 + 6), (progress[0].OrdersRead, progress[0].CustomersRead));
    }

    [Fact]
    public async Task Without_orders_the_fit_fails_with_a_reason()
    {
        await using var db = await ImportDatabase.CreateAsync();

        var error = await Assert.ThrowsAsync<ModelFitException>(() => db.Backtest().RunAsync(Options));

        Assert.Contains("no customers", error.Message);
    }

    /// <summary>Distinct (customer, day) pairs of the sample file in the holdout, counted from the text.</summary>
    private static int SampleHoldoutDays() =>
        File.ReadLines(Sample)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => string.CompareOrdinal(f[2], "19970930") > 0 && string.CompareOrdinal(f[2], "19980630") <= 0)
            .Select(f => (f[0], f[2]))
            .Distinct()
            .Count();

    /// <summary>CDNOW customer ids stop at 23570.</summary>
    private static bool IsHandMade(string customerId) => int.Parse(customerId) > 90000;

    private static (int, double, double, int) Shape(ClvBacktestCustomer c) =>
        (c.Frequency, Math.Round(c.Recency, 9), Math.Round(c.Age, 9), c.Actual);

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
