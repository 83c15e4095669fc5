using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Lifetime;
using Personalize.Lifetime.Backtest;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>
/// `evaluate clv --calibration-end YYYY-MM-DD --holdout-end YYYY-MM-DD [--time-unit week|day] [--fit-tolerance X]`: back-tests BG/NBD on the
/// stored orders and prints the fit, predicted against actual holdout purchases, and the conditional-expectation table.
/// Exit code 0, 1 when the model cannot be fitted, 2 for a usage error.
/// </summary>
public sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";
    public string Usage => "evaluate clv --calibration-end YYYY-MM-DD --holdout-end YYYY-MM-DD [--time-unit week|day] [--fit-tolerance 1e-12]";

    public async Task<int> RunAsync(CommandInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var positional = invocation.Positional("calibration-end", "holdout-end", "time-unit", "fit-tolerance");
        if (positional is not ["clv"]
            || Date(invocation.Option("calibration-end")) is not { } calibrationEnd
            || Date(invocation.Option("holdout-end")) is not { } holdoutEnd
            || Unit(invocation.Option("time-unit") ?? "week") is not { } unit
            || Tolerance(invocation.Option("fit-tolerance")) is not { } tolerance)
            return Fail($"Usage: {Usage}");
        if (holdoutEnd <= calibrationEnd) return Fail("--holdout-end must come after --calibration-end.");

        var options = new ClvBacktestOptions(calibrationEnd, holdoutEnd, unit) { Fit = ModelFitOptions.Default with { Tolerance = tolerance } };
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var backtest = new ClvBacktest(services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>());
        ClvBacktestResult result;
        try
        {
            result = await ProgressDisplay.RunAsync<ClvBacktestProgress, ClvBacktestResult>("Back-testing BG/NBD",
                progress => backtest.RunAsync(options, progress, cancellationToken),
                Describe);
        }
        catch (ModelFitException e)
        {
            Fail($"BG/NBD could not be fitted: {e.Message}");
            return 1;
        }
        Print(result);
        return 0;
    }

    private static void Print(ClvBacktestResult result)
    {
        var (r, alpha, a, b) = result.Parameters;
        var unit = result.Options.Unit.ToString().ToLowerInvariant();
        Console.WriteLine(F($"BG/NBD fitted on {result.Customers.Count:N0} customers ({result.OrdersRead:N0} orders read, {result.CalibrationRepeatPurchases:N0} calibration repeat purchases), time unit {unit}:"));
        Console.WriteLine(F($"  r = {r:G5}, alpha = {alpha:G5}, a = {a:G5}, b = {b:G5}, log-likelihood = {result.LogLikelihood:0.00}"));
        Console.WriteLine(F($"Holdout {result.Options.CalibrationEnd:yyyy-MM-dd} → {result.Options.HoldoutEnd:yyyy-MM-dd} ({result.Options.HoldoutLength:0.##} {unit}s): ") + F($"predicted {result.PredictedHoldoutPurchases:N1}, actual {result.ActualHoldoutPurchases:N0} repeat purchase days ({result.RelativeError:+0.0%;-0.0%})"));
        Console.WriteLine(F($"Per customer: MAE {result.MeanAbsoluteError:0.0000}, RMSE {result.RootMeanSquaredError:0.0000}"));

        var table = new Table().Title("Conditional expectations by calibration frequency x")
            .AddColumn("x").AddColumn(new TableColumn("customers").RightAligned())
            .AddColumn(new TableColumn("mean actual").RightAligned()).AddColumn(new TableColumn("mean predicted").RightAligned());
        foreach (var row in result.ByFrequency)
            table.AddRow(row.Label, F($"{row.Customers:N0}"), F($"{row.MeanActual:0.000}"), F($"{row.MeanPredicted:0.000}"));
        AnsiConsole.Write(table);
        Console.WriteLine(result.ToString());
    }

    private static string Describe(ClvBacktestProgress p) => p.Stage switch
    {
        ClvBacktestStage.ReadingOrders => F($"{p.OrdersRead:N0} orders, {p.CustomersRead:N0} customers read"),
        ClvBacktestStage.Fitting => F($"fitting on {p.CustomersRead:N0} customers"),
        _ => "predicting the holdout",
    };

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static ClvTimeUnit? Unit(string value) => value.ToLowerInvariant() switch
    {
        "week" => ClvTimeUnit.Week,
        "day" => ClvTimeUnit.Day,
        _ => null,
    };

    private static double? Tolerance(string? value) =>
        value is null ? ModelFitOptions.Default.Tolerance
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0 and < 1 ? t : null;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 2;
    }
}
