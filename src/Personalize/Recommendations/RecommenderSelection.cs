using System.Diagnostics;
using System.Globalization;
using Personalize.Content;
using Personalize.Lifecycle;

namespace Personalize.Recommendations;

/// <summary>One candidate's validation figures @K, with the hyper-parameters that won its grid.</summary>
public sealed record CandidateScore(
    string Name,
    string Parameters,
    bool Simple,
    double Ndcg,
    double HitRate,
    double Recall,
    double Coverage,
    double FitSeconds,
    string? Note = null
);

/// <summary>What the selection chose, why, and every candidate's figures on the validation window.</summary>
public sealed record SelectionReport(
    string Selected,
    string Parameters,
    string Reason,
    DateTime ValidationFrom,
    DateTime ValidationUntil,
    int ValidationCustomers,
    IReadOnlyList<CandidateScore> Candidates
)
{
    public CandidateScore? Score(string name) => Candidates.FirstOrDefault(c => c.Name == name);
}

/// <summary>A fitted recommender and, for the re-ranker, the model it owns.</summary>
/// <summary>One point of a candidate's grid: the recommender fitted before the validation window, its parameters, and
/// what fits it the same way on all data.</summary>
internal sealed record GridPoint(
    IRecommender Recommender,
    string Parameters,
    Func<FitContext, FittedRecommender> Refit
);

public sealed record FittedRecommender(IRecommender Recommender, RerankModel? Model) : IDisposable
{
    public void Dispose() => Model?.Dispose();
}

/// <summary>The data a candidate is fitted on: the signals before <paramref name="Until"/>.</summary>
public sealed record FitContext(
    SignalLog Log,
    DateTime Until,
    Baselines Baselines,
    RecommenderOptions Options,
    LifecycleClassifier? Classifier,
    CancellationToken CancellationToken
)
{
    /// <summary>The re-ranker's label windows already computed on the same log, shared by the selection and the
    /// refit.</summary>
    public RerankWindows? Windows { get; init; }
}

/// <summary>The result of a selection: the report, and how to fit each candidate (with its tuned parameters) on other
/// data.</summary>
public sealed class SelectionOutcome(
    SelectionReport report,
    IReadOnlyDictionary<string, Func<FitContext, FittedRecommender>> fits,
    RerankWindows windows
) : IDisposable
{
    public SelectionReport Report { get; } = report;

    /// <summary>The re-ranker's label windows computed during the selection, for a refit on the same log to
    /// reuse.</summary>
    public RerankWindows Windows { get; } = windows;

    /// <summary>Every candidate that competed, by name, with the parameters its grid chose.</summary>
    public IReadOnlyDictionary<string, Func<FitContext, FittedRecommender>> Fits { get; } = fits;

    public FittedRecommender FitSelected(FitContext context) => Fits[Report.Selected](context);

    /// <summary>Cancels and disposes the re-ranker started ahead for the as-of date if nobody took it.</summary>
    public void Dispose() => Windows.Dispose();
}

/// <summary>
/// Chooses the recommender to serve by evidence on the store's own signals:
/// <list type="number">
/// <item>The last <see cref="SelectionOptions.WindowDays"/> before the as-of date are held out; every candidate is fitted on
/// the signals before that and judged on the window with the protocol of <see cref="RecommenderEvaluation"/> (serving's
/// repeatable kinds), each tuned over its small grid by NDCG@K on the window.</item>
/// <item>Simple candidates are the popularity variants; the best of them is the bar. A personal candidate is served only
/// when its NDCG@K beats the bar by more than the noise: the lower quantile of the difference of means over <see
/// cref="SelectionOptions.Resamples"/> paired bootstrap resamples of the validation customers is above 0 (the 2.5 %
/// quantile, Bonferroni-divided by the number of contenders so that testing several does not inflate the false wins).
/// Among those that pass, the highest NDCG@K wins; otherwise the bar is served, so the served model is never worse than
/// popularity on validation.</item>
/// <item>Below <see cref="SelectionOptions.MinValidationCustomers"/> validation customers nothing can be judged and
/// popularity (the most robust) is served; the re-ranker competes only with <see
/// cref="SelectionOptions.MinRerankGroups"/> training groups or more.</item>
/// </list>
/// The grid is tuned and judged on the same window, so a tuned candidate's figure is slightly optimistic; the grids are
/// small and the bootstrap bar absorbs part of it.
/// </summary>
public static class RecommenderSelection
{
    public const string Popularity = "popularity",
        StagePopularity = "stage-popularity",
        Rerank = "lightgbm-rerank";

    public static SelectionOutcome Run(
        SignalLog log,
        DateTime asOf,
        IReadOnlySet<ContentKind> repeatable,
        RecommenderOptions model,
        SelectionOptions options,
        LifecycleClassifier? classifier = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var from = asOf.AddDays(-options.WindowDays);
        var matrix = new SignalMatrix(log, from, model.Weights, classifier);
        var baselines = new Baselines(matrix, model);
        var windows = new RerankWindows(log, model, classifier);
        windows.Add(baselines);
        // The re-ranker with labels up to the as-of date (what `train` refits when it wins, and what `evaluate` judges
        // after the cut-off) starts now on a thread of its own too; `train` cancels it when another model wins.
        windows.Prefit(asOf, options.MinRerankGroups, cancellationToken);
        var context = new FitContext(log, from, baselines, model, classifier, cancellationToken) { Windows = windows };
        var customers = RecommenderEvaluation.TestCustomers(matrix, log.PositiveItemsBetween(from, asOf), repeatable);
        var catalog = Enumerable.Range(0, matrix.ItemCount).Count(i => matrix.Item(i).Customers > 0);

        var scores = new List<(CandidateScore Score, double[] Ndcg)>();
        var fits = new Dictionary<string, Func<FitContext, FittedRecommender>>();
        Func<FitContext, FittedRecommender> rerankFit = c =>
        {
            var m = RerankModel.Train(c.Log, c.Until, c.Options, c.Classifier, c.CancellationToken, c.Windows);
            return new(new RerankRecommender(c.Baselines, m, c.Options), m);
        };
        // LightGBM trains on one thread: the re-ranker is fitted on a thread of its own from the start, while the other
        // families use the cores; it is judged last, as before.
        var rerank = Task.Factory.StartNew(
            () =>
            {
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    return (Fitted: rerankFit(context), stopwatch.Elapsed);
                }
                catch (InvalidOperationException)
                {
                    return (Fitted: (FittedRecommender?)null, stopwatch.Elapsed);
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default
        );

        // One family: every grid point judged on the window; the best NDCG is kept with what refits it on all data.
        void Judge(string name, bool simple, IEnumerable<GridPoint> grid)
        {
            progress?.Report(name);
            var stopwatch = Stopwatch.StartNew();
            (CandidateScore Score, double[] Ndcg, Func<FitContext, FittedRecommender> Refit)? best = null;
            foreach (var (recommender, parameters, refit) in grid)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (score, ndcg) = RecommenderEvaluation.Measure(
                    recommender,
                    customers,
                    catalog,
                    options.K,
                    cancellationToken: cancellationToken
                );
                if (best is null || score.Ndcg > best.Value.Score.Ndcg)
                {
                    var candidate = new CandidateScore(
                        name,
                        parameters,
                        simple,
                        score.Ndcg,
                        score.HitRate,
                        score.Recall,
                        score.Coverage,
                        0
                    );
                    best = (candidate, ndcg, refit);
                }
            }
            scores.Add((best!.Value.Score with { FitSeconds = stopwatch.Elapsed.TotalSeconds }, best.Value.Ndcg));
            fits[name] = best.Value.Refit;
        }

        // A family of one: fitted on the data before the window, refitted the same way on all data.
        IEnumerable<GridPoint> OnePoint(string parameters, Func<FitContext, FittedRecommender> fit)
        {
            using var fitted = fit(context);
            yield return new(fitted.Recommender, parameters, fit);
        }

        try
        {
            Judge(Popularity, true, OnePoint("recency-weighted", c => new(c.Baselines.Global, null)));
            Judge(StagePopularity, true, OnePoint("per lifecycle stage", c => new(c.Baselines.Stage, null)));
            Judge("history", false, OnePoint("own items, recency-weighted", c => new(c.Baselines.History, null)));
            Judge("item-knn", false, OnePoint(F($"{model.KnnNeighbours} neighbours"), c => new(c.Baselines.Knn, null)));
            Judge("ease", false, EaseGrid());
            Judge("rp3beta", false, Rp3Grid());
            Judge("personal-frequency", false, FrequencyGrid());
        }
        catch
        {
            rerank.ContinueWith(t => t.Result.Fitted?.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            windows.Dispose();
            throw;
        }
        RerankFamily();

        var judged = scores.Select(s => s.Score).ToList();
        var (selected, reason) = Choose(scores, customers.Count, options);
        var chosen = judged.Single(s => s.Name == selected);
        return new SelectionOutcome(
            new SelectionReport(selected, chosen.Parameters, reason, from, asOf, customers.Count, judged),
            fits,
            windows
        );

        // EASE: one Gram matrix for every λ, one inversion each. A refit keeps the parameters, not the weights.
        IEnumerable<GridPoint> EaseGrid()
        {
            var (items, neighbours) = (options.EaseMaxItems, options.ItemNeighbours);
            foreach (
                var ease in EaseRecommender.ForLambdas(
                    matrix,
                    baselines.Global,
                    options.EaseLambdas,
                    items,
                    neighbours,
                    cancellationToken
                )
            )
            {
                var lambda = ease.Lambda;
                yield return new(ease, F($"λ={lambda}, {items} items, top {neighbours}"), c =>
                    new(
                        new EaseRecommender(
                            c.Baselines.Matrix,
                            c.Baselines.Global,
                            lambda,
                            items,
                            neighbours,
                            c.CancellationToken
                        ),
                        null
                    )
                );
            }
        }

        // RP3beta: one walk for the whole α × β grid.
        IEnumerable<GridPoint> Rp3Grid()
        {
            var neighbours = options.ItemNeighbours;
            foreach (
                var rp3 in Rp3BetaRecommender.ForGrid(
                    matrix,
                    baselines.Global,
                    options.Rp3Alphas,
                    options.Rp3Betas,
                    neighbours,
                    cancellationToken
                )
            )
            {
                var (alpha, beta) = (rp3.Alpha, rp3.Beta);
                yield return new(rp3, F($"α={alpha}, β={beta}, top {neighbours}"), c =>
                    new(
                        new Rp3BetaRecommender(
                            c.Baselines.Matrix,
                            c.Baselines.Global,
                            alpha,
                            beta,
                            neighbours,
                            c.CancellationToken
                        ),
                        null
                    )
                );
            }
        }

        // Personal frequency: one neighbour search per half-life, every (neighbours, α) scored from it.
        IEnumerable<GridPoint> FrequencyGrid()
        {
            foreach (var halfLife in options.HalfLifeDays)
            {
                var searched = new PersonalFrequencyRecommender(
                    matrix,
                    baselines.Global,
                    halfLife,
                    options.FrequencyNeighbours.Max(),
                    1,
                    cancellationToken
                );
                foreach (var neighbours in options.FrequencyNeighbours)
                foreach (var alpha in options.FrequencyAlphas)
                    yield return new(
                        searched.With(neighbours, alpha),
                        F($"half-life {halfLife} d, {neighbours} neighbours, α={alpha}"),
                        c =>
                            new(
                                new PersonalFrequencyRecommender(
                                    c.Baselines.Matrix,
                                    c.Baselines.Global,
                                    halfLife,
                                    neighbours,
                                    alpha,
                                    c.CancellationToken
                                ),
                                null
                            )
                    );
            }
        }

        void RerankFamily()
        {
            progress?.Report(Rerank);
            var (trained, trainedIn) = rerank.GetAwaiter().GetResult();
            var stopwatch = Stopwatch.StartNew();
            if (trained is null)
            {
                scores.Add(
                    (
                        new CandidateScore(
                            Rerank,
                            "",
                            false,
                            0,
                            0,
                            0,
                            0,
                            trainedIn.TotalSeconds,
                            "not a candidate: no training group before the validation window"
                        ),
                        []
                    )
                );
                return;
            }
            using (trained)
            {
                var training = trained.Model!.Training;
                var parameters = F($"{training.Groups:N0} training groups, {model.Iterations} trees");
                if (training.Groups < options.MinRerankGroups)
                {
                    scores.Add(
                        (
                            new CandidateScore(
                                Rerank,
                                parameters,
                                false,
                                0,
                                0,
                                0,
                                0,
                                trainedIn.TotalSeconds,
                                F(
                                    $"not a candidate: {training.Groups:N0} training groups, fewer than the {options.MinRerankGroups:N0} needed"
                                )
                            ),
                            []
                        )
                    );
                    return;
                }
                var (score, ndcg) = RecommenderEvaluation.Measure(
                    trained.Recommender,
                    customers,
                    catalog,
                    options.K,
                    cancellationToken: cancellationToken
                );
                scores.Add(
                    (
                        new CandidateScore(
                            Rerank,
                            parameters,
                            false,
                            score.Ndcg,
                            score.HitRate,
                            score.Recall,
                            score.Coverage,
                            (trainedIn + stopwatch.Elapsed).TotalSeconds
                        ),
                        ndcg
                    )
                );
                fits[Rerank] = rerankFit;
            }
        }
    }

    /// <summary>The rule of the class summary, on candidates already scored; the reason in words.</summary>
    public static (string Selected, string Reason) Choose(
        IReadOnlyList<(CandidateScore Score, double[] Ndcg)> scores,
        int customers,
        SelectionOptions options
    )
    {
        if (customers < options.MinValidationCustomers)
            return (
                Popularity,
                F(
                    $"too little data to judge: {customers:N0} customers in the validation window, fewer than the {options.MinValidationCustomers:N0} needed; serving {Popularity}, the robust default"
                )
            );
        var bar = scores.Where(s => s.Score.Simple).OrderByDescending(s => s.Score.Ndcg).First();
        var eligible = scores
            .Where(s => !s.Score.Simple && s.Score.Note is null && s.Ndcg.Length == bar.Ndcg.Length)
            .ToList();
        // Several contenders are tested against one bar: Bonferroni keeps the chance of serving a model that is no
        // better at 2.5 % in all.
        var tail = 0.025 / Math.Max(1, eligible.Count);
        var contenders = eligible
            .Select(s => (s.Score, Lower: LowerBound(s.Ndcg, bar.Ndcg, options.Resamples, options.Seed, tail)))
            .OrderByDescending(s => s.Score.Ndcg)
            .ToList();
        var winner = contenders.FirstOrDefault(c => c.Lower > 0);
        if (winner.Score is not null)
            return (
                winner.Score.Name,
                F(
                    $"{winner.Score.Name} beats the best simple model ({bar.Score.Name}) by {winner.Score.Ndcg - bar.Score.Ndcg:+0.0000} NDCG@{options.K} ({winner.Score.Ndcg:0.0000} vs {bar.Score.Ndcg:0.0000}); paired-bootstrap lower bound {winner.Lower:+0.0000;-0.0000} > 0 over {customers:N0} customers ({options.Resamples:N0} resamples, {tail:0.###%} tail for {eligible.Count} contenders)"
                )
            );
        var best = contenders.FirstOrDefault();
        return (
            bar.Score.Name,
            best.Score is null
                ? F($"no personal model could compete; serving {bar.Score.Name}")
                : F(
                    $"no personal model beats {bar.Score.Name} by more than the noise (best: {best.Score.Name} {best.Score.Ndcg - bar.Score.Ndcg:+0.0000;-0.0000} NDCG@{options.K}, bootstrap lower bound {best.Lower:+0.0000;-0.0000} ≤ 0 over {customers:N0} customers); serving {bar.Score.Name}"
                )
        );
    }

    /// <summary>The <paramref name="tail"/> quantile (2.5 %: the lower end of a two-sided 95 % interval) of mean(a − b)
    /// over paired bootstrap resamples of the customers (deterministic for a seed).</summary>
    public static double LowerBound(double[] a, double[] b, int resamples, int seed, double tail = 0.025)
    {
        var n = a.Length;
        if (n == 0)
            return double.NegativeInfinity;
        var diff = new double[n];
        for (var i = 0; i < n; i++)
            diff[i] = a[i] - b[i];
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
                sum += diff[random.Next(n)];
            means[r] = sum / n;
        }
        Array.Sort(means);
        return means[(int)Math.Floor(tail * (resamples - 1))];
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
