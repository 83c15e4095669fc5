using System.Diagnostics;
using System.Globalization;
using Personalize.Data;
using Personalize.Lifetime;
using Personalize.Scores;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>`scores recompute [--as-of YYYY-MM-DD]`: choose and fit the CLV models, score every customer, cache the
/// scores.</summary>
public sealed class ScoresCommand : ICommand
{
    public string Name => "scores";
    public string Usage =>
        "scores recompute [--as-of YYYY-MM-DD] [--timings]    choose a purchase model (BG/NBD, "
        + "Pareto/NBD, MBG/NBD) by back-test, fit it and Gamma-Gamma, score every customer, store a snapshot, cache "
        + "the scores";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        if (invocation.Positional("as-of") is not ["recompute"])
        {
            Console.Error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        DateOnly? asOf = null;
        if (invocation.Option("as-of") is { } text)
        {
            if (
                !DateOnly.TryParseExact(
                    text,
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var parsed
                )
            )
            {
                Console.Error.WriteLine($"--as-of: '{text}' is not a date like 2024-06-30.");
                return 2;
            }
            asOf = parsed;
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        try
        {
            var summary = await ProgressDisplay.RunAsync<ScoreProgress, ScoreRecomputeSummary>(
                "Scoring customers",
                progress =>
                    services.GetRequiredService<ScoreRecomputer>().RecomputeAsync(asOf, progress, cancellationToken),
                p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase}: {p.Done:N0} of {p.Total:N0}")
            );
            Console.WriteLine(summary.Snapshot.SelectionReason);
            foreach (var c in summary.Snapshot.CandidateList())
                Console.WriteLine(
                    $"  {c.Kind.DisplayName(), -10} LL {Number(c.LogLikelihood, "F1")}, BIC {Number(c.Bic, "F1")}, "
                        + $"holdout MAE {Number(c.Backtest?.MeanAbsoluteError, "F4")}, "
                        + $"predicted {Number(c.Backtest?.PredictedPurchases, "N1")} "
                        + $"vs actual {Number(c.Backtest?.ActualPurchases, "N0")}"
                        + (c.BoundNote is null ? "" : " (on a bound)")
                        + (c.Failure is null ? "" : $" — {c.Failure}")
                );
            if (summary.Snapshot.PurchaseBoundNote is { } note)
                Console.WriteLine($"Note: {note}");
            Console.WriteLine(summary.ToString());
            if (invocation.HasSwitch("timings"))
                Console.WriteLine(
                    string.Join(
                        ", ",
                        summary.Phases.Select(p =>
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"{p.Key} {p.Value:F1} s (cpu {summary.PhaseCpu[p.Key]:F1} s)"
                            )
                        )
                    ) + $"; peak memory {Number(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, "N0")} MiB"
                );
            return 0;
        }
        catch (ModelFitException e)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[red]No scores stored; the previous snapshot, if any, stays in use. {e.Message}[/]"
            );
            return 1;
        }
    }

    private static string Number(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
