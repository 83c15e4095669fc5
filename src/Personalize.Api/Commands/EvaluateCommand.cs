using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Lifetime;
using Personalize.Lifetime.Backtest;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>
/// `evaluate clv --calibration-end YYYY-MM-DD --holdout-end YYYY-MM-DD [--time-unit week|day] [--fit-tolerance X]
/// [--penalizer C] [--models bgnbd,paretonbd,mbgnbd] [--plots-dir DIR] [--sample N [--seed S[,S...]]]`: back-tests
/// every purchase model on the stored orders and prints them side by side: fit, predicted against actual holdout
/// purchases, MAE/RMSE, and the conditional-expectation table; with --plots-dir, writes the diagnostic plot data as CSV
/// (see <see cref="ClvDiagnosticPlots"/>). With --sample, on a random sample of N calibration customers (<see
/// cref="BacktestSample"/>, seed 0 is the one `scores recompute` draws); with --seed, one line per seed instead of the
/// tables: each model's RMSE and the lowest (bench/clv-sample.sh measures the noise a sample adds this way). Exit code
/// 0 when at least one model fitted, 1 when none did, 2 for a usage error.
/// </summary>
public sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";
    public string Usage =>
        "evaluate clv --calibration-end YYYY-MM-DD --holdout-end YYYY-MM-DD [--time-unit week|day] "
        + "[--fit-tolerance 1e-12] [--penalizer 0] [--models bgnbd,paretonbd,mbgnbd] [--plots-dir DIR] [--sample N "
        + "[--seed S[,S...]]]";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        var positional = invocation.Positional(
            "calibration-end",
            "holdout-end",
            "time-unit",
            "fit-tolerance",
            "penalizer",
            "models",
            "plots-dir",
            "sample",
            "seed"
        );
        if (
            positional is not ["clv"]
            || Date(invocation.Option("calibration-end")) is not { } calibrationEnd
            || Date(invocation.Option("holdout-end")) is not { } holdoutEnd
            || Unit(invocation.Option("time-unit") ?? "week") is not { } unit
            || Tolerance(invocation.Option("fit-tolerance")) is not { } tolerance
        )
            return Fail($"Usage: {Usage}");
        if (holdoutEnd <= calibrationEnd)
            return Fail("--holdout-end must come after --calibration-end.");
        if (Penalizer(invocation.Option("penalizer")) is not { } penalizer)
            return Fail("--penalizer: a number between 0 and 100.");
        if (Models(invocation.Option("models")) is not { } models)
            return Fail(
                "--models: a comma-separated list of "
                    + $"{string.Join(", ", PurchaseModelKindExtensions.All.Select(k => k.ToString().ToLowerInvariant()))}."
            );
        var plotsDirectory = invocation.Option("plots-dir");
        int? sample = null;
        if (invocation.Option("sample") is { } sampleText)
        {
            if (!int.TryParse(sampleText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
                return Fail("--sample: a number of customers, at least 1.");
            sample = size;
        }
        if (Seeds(invocation.Option("seed")) is not { } seeds)
            return Fail("--seed: a comma-separated list of integers.");
        if (invocation.Option("seed") is not null && sample is null)
            return Fail("--seed needs --sample.");

        var options = new ClvBacktestOptions(calibrationEnd, holdoutEnd, unit)
        {
            Fit = ModelFitOptions.Default with { Tolerance = tolerance, Penalizer = penalizer },
        };
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var backtest = new ClvBacktest(services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>());
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var (customers, ordersRead) = await ProgressDisplay.RunAsync<
            ClvBacktestProgress,
            (List<ClvBacktestCustomer>, long)
        >(
            "Reading the orders",
            progress => backtest.ReadCustomersAsync(options, progress, cancellationToken),
            Describe
        );
        if (sample is { } n && invocation.Option("seed") is not null)
        {
            foreach (var seed in seeds)
            {
                var drawn = ClvBacktest.Compare(options, models, BacktestSample.Take(customers, n, seed), ordersRead);
                Console.WriteLine(
                    F($"seed {seed}: {drawn.Customers.Count:N0} of {customers.Count:N0} customers; ")
                        + string.Join(
                            ", ",
                            drawn.Models.Select(m =>
                                F($"{m.Kind.DisplayName()} RMSE {m.RootMeanSquaredError:0.000000}")
                            )
                        )
                        + F($"; lowest {drawn.Best?.Kind.DisplayName() ?? "none"}")
                );
            }
            return 0;
        }
        var backtested = sample is { } size1 ? BacktestSample.Take(customers, size1, seeds[0]) : customers;
        var result = await ProgressDisplay.RunAsync<ClvBacktestProgress, ClvModelComparison>(
            "Back-testing the purchase models",
            progress =>
                Task.Run(
                    () => ClvBacktest.Compare(options, models, backtested, ordersRead, progress),
                    cancellationToken
                ),
            Describe
        ) with
        {
            Elapsed = stopwatch.Elapsed,
        };
        if (backtested.Count < customers.Count)
            Console.WriteLine(
                F(
                    $"Back-tested on a random sample of {backtested.Count:N0} of the {customers.Count:N0} calibration customers (seed {seeds[0]})."
                )
            );
        Print(result);
        if (plotsDirectory is not null && result.Models.Any(m => m.Fitted))
            foreach (var path in ClvDiagnosticPlots.Write(result, plotsDirectory))
                Console.WriteLine($"Wrote {path}");
        Console.WriteLine(result.ToString());
        return result.Models.Any(m => m.Fitted) ? 0 : 1;
    }

    private static void Print(ClvModelComparison result)
    {
        var unit = result.Options.Unit.ToString().ToLowerInvariant();
        Console.WriteLine(
            F(
                $"{result.Customers.Count:N0} customers ({result.OrdersRead:N0} orders read, {result.CalibrationRepeatPurchases:N0} calibration repeat purchases), time unit {unit}; "
            )
                + F(
                    $"holdout {result.Options.CalibrationEnd:yyyy-MM-dd} → {result.Options.HoldoutEnd:yyyy-MM-dd} ({result.Options.HoldoutLength:0.##} {unit}s), {result.ActualHoldoutPurchases:N0} actual repeat purchase days."
                )
        );

        var models = new Table()
            .Title("Purchase models, fitted on the calibration period")
            .AddColumn("model")
            .AddColumn("parameters")
            .AddColumn(new TableColumn("log-likelihood").RightAligned())
            .AddColumn(new TableColumn("predicted").RightAligned())
            .AddColumn(new TableColumn("actual").RightAligned())
            .AddColumn(new TableColumn("error").RightAligned())
            .AddColumn(new TableColumn("MAE").RightAligned())
            .AddColumn(new TableColumn("RMSE").RightAligned());
        foreach (var m in result.Models)
        {
            if (!m.Fitted)
            {
                models.AddRow(
                    Markup.Escape(m.Kind.DisplayName()),
                    Markup.Escape("not fitted: " + m.Fit.FailureReason),
                    "",
                    "",
                    "",
                    "",
                    "",
                    ""
                );
                continue;
            }
            var parameters = string.Join(", ", m.Fit.Parameters!.Named.Select(p => F($"{p.Name} = {p.Value:G5}")));
            if (m.Fit.BoundNote is not null)
                parameters += " (on a bound)";
            var error =
                result.ActualHoldoutPurchases == 0
                    ? double.NaN
                    : (m.PredictedHoldoutPurchases - result.ActualHoldoutPurchases) / result.ActualHoldoutPurchases;
            models.AddRow(
                Markup.Escape(m.Kind.DisplayName()),
                Markup.Escape(parameters),
                F($"{m.Fit.LogLikelihood:0.00}"),
                F($"{m.PredictedHoldoutPurchases:N1}"),
                F($"{result.ActualHoldoutPurchases:N0}"),
                F($"{error:+0.0%;-0.0%}"),
                F($"{m.MeanAbsoluteError:0.0000}"),
                F($"{m.RootMeanSquaredError:0.0000}")
            );
        }
        AnsiConsole.Write(models);
        foreach (var m in result.Models.Where(m => m.Fit.BoundNote is not null))
            Console.WriteLine($"{m.Kind.DisplayName()}: {m.Fit.BoundNote}");

        var fitted = result.Models.Where(m => m.Fitted).ToList();
        if (fitted.Count == 0)
            return;
        var table = new Table()
            .Title("Mean holdout purchases by calibration frequency x: actual and predicted")
            .AddColumn("x")
            .AddColumn(new TableColumn("customers").RightAligned())
            .AddColumn(new TableColumn("actual").RightAligned());
        foreach (var m in fitted)
            table.AddColumn(new TableColumn(Markup.Escape(m.Kind.DisplayName())).RightAligned());
        for (var i = 0; i < fitted[0].ByFrequency.Count; i++)
        {
            var row = fitted[0].ByFrequency[i];
            table.AddRow([
                row.Label,
                F($"{row.Customers:N0}"),
                F($"{row.MeanActual:0.000}"),
                .. fitted.Select(m => F($"{m.ByFrequency[i].MeanPredicted:0.000}")),
            ]);
        }
        AnsiConsole.Write(table);
    }

    private static string Describe(ClvBacktestProgress p) =>
        p.Stage switch
        {
            ClvBacktestStage.ReadingOrders => F($"{p.OrdersRead:N0} orders, {p.CustomersRead:N0} customers read"),
            ClvBacktestStage.Fitting => F($"fitting {p.Model?.DisplayName()} on {p.CustomersRead:N0} customers"),
            _ => F($"predicting the holdout with {p.Model?.DisplayName()}"),
        };

    private static int[]? Seeds(string? value)
    {
        if (value is null)
            return [0];
        var parts = value.Split(',');
        var seeds = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seeds[i]))
                return null;
        return seeds;
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;

    private static ClvTimeUnit? Unit(string value) =>
        value.ToLowerInvariant() switch
        {
            "week" => ClvTimeUnit.Week,
            "day" => ClvTimeUnit.Day,
            _ => null,
        };

    private static double? Tolerance(string? value) =>
        value is null ? ModelFitOptions.Default.Tolerance
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0 and < 1 ? t
        : null;

    private static double? Penalizer(string? value) =>
        value is null ? 0
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c is >= 0 and <= 100
            ? c
        : null;

    private static IReadOnlyList<PurchaseModelKind>? Models(string? value)
    {
        if (value is null)
            return PurchaseModelKindExtensions.All;
        var kinds = new List<PurchaseModelKind>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!PurchaseModelKindExtensions.TryParse(name, out var kind))
                return null;
            if (!kinds.Contains(kind))
                kinds.Add(kind);
        }
        return kinds.Count == 0 ? null : kinds;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 2;
    }
}
