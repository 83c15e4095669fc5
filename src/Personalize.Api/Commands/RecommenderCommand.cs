using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Recommendations;
using Personalize.Recommendations.Serving;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>
/// `recommender evaluate --cutoff YYYY-MM-DD [--window-days 30] [--k 10]`: the offline evaluation of every recommender
/// (temporal split, see <see cref="RecommenderEvaluation"/>), one table per protocol and a summary line.
/// `recommender train [--as-of YYYY-MM-DD]`: trains the model on the signals before the date (default: now) and saves
/// a new version with its candidate lists (see <see cref="RecommenderTrainer"/>); running services switch to it.
/// Exit code 0, 1 when nothing can be evaluated or trained, 2 for a usage error.
/// </summary>
public sealed class RecommenderCommand : ICommand
{
    public string Name => "recommender";
    public string Usage =>
        "recommender evaluate --cutoff YYYY-MM-DD [--window-days 30] [--k 10] | recommender train [--as-of YYYY-MM-DD]";

    public Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    ) =>
        invocation.Positional("as-of") is ["train"]
            ? TrainAsync(invocation, services, cancellationToken)
            : EvaluateAsync(invocation, services, cancellationToken);

    private async Task<int> TrainAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        DateTime asOf;
        if (invocation.Option("as-of") is not { } date)
            asOf = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        else if (
            DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        )
            asOf = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        else
            return Fail($"Usage: {Usage}");

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        try
        {
            var summary = await ProgressDisplay.RunAsync<RecommenderTrainingProgress, RecommenderTrainingSummary>(
                "Training the recommender",
                progress =>
                    services
                        .GetRequiredService<RecommenderTrainer>()
                        .TrainAsync(asOf, progress, cancellationToken: cancellationToken),
                p =>
                    p.Stage switch
                    {
                        RecommenderTrainingStage.ReadingSignals => F($"{p.Done:N0} signals read"),
                        RecommenderTrainingStage.Selecting => F(
                            $"selection on the held-out window: fitting and judging {p.Detail}"
                        ),
                        RecommenderTrainingStage.BuildingBaselines => F(
                            $"building the baselines on {p.Done:N0} signals"
                        ),
                        RecommenderTrainingStage.TrainingReranker => F($"refitting {p.Detail} on every signal"),
                        RecommenderTrainingStage.ScoringCandidates => F(
                            $"candidate lists: {p.Done:N0} of {p.Total:N0} customers"
                        ),
                        RecommenderTrainingStage.Saving => F($"saving the model and {p.Done:N0} candidate lists"),
                        _ => F($"caching {p.Done:N0} candidate lists"),
                    }
            );
            PrintSelection(summary.Selection, 10);
            Console.WriteLine(
                F(
                    $"Phases: {summary.PhasesText}; processor time {summary.ProcessorTime.TotalSeconds:0.0} s; peak memory {summary.PeakMemoryBytes / 1048576.0:N0} MiB"
                )
            );
            Console.WriteLine(summary.ToString());
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Fail(
                e.Message
                    + (
                        invocation.Option("as-of") is null
                            ? " For data that ends earlier, pass --as-of YYYY-MM-DD."
                            : ""
                    )
            );
            return 1;
        }
    }

    private async Task<int> EvaluateAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        if (
            invocation.Positional("cutoff", "window-days", "k") is not ["evaluate"]
            || !DateOnly.TryParseExact(
                invocation.Option("cutoff"),
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var cutoff
            )
            || Positive(invocation.Option("window-days"), 30) is not { } window
            || Positive(invocation.Option("k"), 10) is not { } k
        )
            return Fail($"Usage: {Usage}");

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var evaluation = new RecommenderEvaluation(
            services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>(),
            services.GetRequiredService<LifecycleClassifier>()
        );
        RecommenderEvaluationResult result;
        try
        {
            result = await ProgressDisplay.RunAsync<RecommenderEvaluationProgress, RecommenderEvaluationResult>(
                "Evaluating recommenders",
                progress =>
                    evaluation.RunAsync(
                        new RecommenderEvaluationOptions(cutoff, window) { K = k },
                        progress,
                        cancellationToken
                    ),
                Describe
            );
        }
        catch (InvalidOperationException e)
        {
            Fail(e.Message);
            return 1;
        }
        var (personalizable, customers) = await RecommenderTrainer.ConsentCountsAsync(
            services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>(),
            cancellationToken
        );
        Print(result);
        Console.WriteLine(
            F(
                $"{personalizable:N0} of {customers:N0} customers can be personalized (consent); the others are served non-personal bestsellers."
            )
        );
        return 0;
    }

    private static void Print(RecommenderEvaluationResult result)
    {
        Console.WriteLine(
            F(
                $"{result.SignalsBeforeCutoff:N0} signals before {result.Options.Cutoff:yyyy-MM-dd}, {result.CatalogItems:N0} recommendable items; baselines built in {result.BaselinesElapsed.TotalSeconds:0.0} s"
            )
        );
        var t = result.Training;
        Console.WriteLine(
            F(
                $"Re-ranker trained on {t.Groups:N0} customer-windows ({t.Rows:N0} candidates, {t.Positives:N0} positive), {t.Windows} label windows from {t.FirstFeaturesUntil:yyyy-MM-dd} to {t.LabelsUntil:yyyy-MM-dd}, in {t.Elapsed.TotalSeconds:0.0} s"
            )
        );
        var k = result.Options.K;
        if (result.Selection is { } selection)
            PrintSelection(selection, result.Options.Selection.K);
        var served = result.Selection?.Selected;
        foreach (var protocol in result.Protocols)
        {
            Console.WriteLine(
                F(
                    $"{protocol.Name}: {protocol.Customers:N0} customers, {protocol.RelevantItems:N0} test items ({protocol.Description})"
                )
            );
            var table = new Table().AddColumn(new TableColumn("recommender").NoWrap());
            foreach (var metric in new[] { $"HR@{k}", $"NDCG@{k}", $"Recall@{k}", $"MAP@{k}", "coverage", "s" })
                table.AddColumn(new TableColumn(metric).RightAligned().NoWrap());
            foreach (var s in protocol.Scores)
                table.AddRow(
                    s.Recommender == served ? s.Recommender + " *" : s.Recommender,
                    F($"{s.HitRate:0.0000}"),
                    F($"{s.Ndcg:0.0000}"),
                    F($"{s.Recall:0.0000}"),
                    F($"{s.Map:0.0000}"),
                    F($"{s.Coverage:0.0000}"),
                    F($"{s.Elapsed.TotalSeconds:0.0}")
                );
            AnsiConsole.Write(table);
        }
        if (served is not null)
            Console.WriteLine($"* what `recommender train --as-of {result.Options.Cutoff:yyyy-MM-dd}` would serve.");
        Console.WriteLine(result.ToString());
    }

    /// <summary>Every candidate's validation figures, the one served marked, and the reason.</summary>
    private static void PrintSelection(SelectionReport selection, int k)
    {
        Console.WriteLine(
            F(
                $"Selection: validated on {selection.ValidationCustomers:N0} customers, {selection.ValidationFrom:yyyy-MM-dd} to {selection.ValidationUntil:yyyy-MM-dd} (fitted on the signals before)"
            )
        );
        var table = new Table().AddColumn(new TableColumn("candidate").NoWrap());
        foreach (var metric in new[] { $"NDCG@{k}", $"HR@{k}", $"Recall@{k}", "coverage", "s" })
            table.AddColumn(new TableColumn(metric).RightAligned().NoWrap());
        foreach (var c in selection.Candidates)
            table.AddRow(
                Markup.Escape(c.Name == selection.Selected ? c.Name + " *" : c.Name),
                F($"{c.Ndcg:0.0000}"),
                F($"{c.HitRate:0.0000}"),
                F($"{c.Recall:0.0000}"),
                F($"{c.Coverage:0.0000}"),
                F($"{c.FitSeconds:0.0}")
            );
        AnsiConsole.Write(table);
        foreach (var c in selection.Candidates)
            Console.WriteLine($"  {c.Name}: {c.Note ?? c.Parameters}");
        Console.WriteLine($"Selected {selection.Selected}: {selection.Reason}");
    }

    private static string Describe(RecommenderEvaluationProgress p) =>
        p.Stage switch
        {
            RecommenderEvaluationStage.Selecting => F(
                $"selection as of the cut-off: fitting and judging {p.Recommender}"
            ),
            RecommenderEvaluationStage.ReadingSignals => F($"{p.Done:N0} signals read"),
            RecommenderEvaluationStage.BuildingBaselines => F($"building the baselines on {p.Done:N0} signals"),
            RecommenderEvaluationStage.TrainingReranker => "training the LightGBM re-ranker",
            _ => F($"{p.Recommender}: {p.Done:N0} customers"),
        };

    private static int? Positive(string? value, int fallback) =>
        value is null ? fallback
        : int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : null;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 2;
    }
}
