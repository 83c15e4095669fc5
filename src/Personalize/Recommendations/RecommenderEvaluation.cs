using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Lifecycle;

namespace Personalize.Recommendations;

/// <summary>
/// Offline evaluation by temporal split. Protocol:
/// <list type="number">
/// <item>Every recommender is built from the signals strictly before the cut-off; the re-ranker is trained on earlier
/// splits (features before a label window, labels from it; the last window ends at the cut-off), so nothing after the
/// cut-off is seen.</item>
/// <item>Test set: for each customer, the items with a positive signal in [cut-off, cut-off + window). Customers take
/// part when they have at least one signal before the cut-off and at least one test item.</item>
/// <item>An item of a kind that is not repeatable, taken before the cut-off, is neither recommended nor a test item
/// (customers left with no test item drop out). Products are repeatable by default; the "new items only" protocol
/// treats nothing as repeatable and is reported alongside.</item>
/// <item>Metrics: HR, NDCG, Recall and MAP at K (see <see cref="RankingMetrics"/>), averaged over customers; coverage =
/// distinct items recommended / items with a positive signal before the cut-off (the recommendable catalog).</item>
/// </list>
/// Stages are judged as of the cut-off from the orders before it, and spend bands likewise, never from stored scores.
/// </summary>
public sealed class RecommenderEvaluation(
    IDbContextFactory<PersonalizeDbContext> factory,
    LifecycleClassifier classifier
)
{
    /// <summary>The models added beside the baselines and the re-ranker, fitted with the parameters the selection
    /// tuned.</summary>
    public static readonly string[] TunedModels = ["ease", "rp3beta", "personal-frequency"];

    public async Task<RecommenderEvaluationResult> RunAsync(
        RecommenderEvaluationOptions options,
        IProgress<RecommenderEvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var log = await new SignalLogReader(factory).ReadAsync(
            options.WindowEnd,
            options.Recommender.Weights,
            progress is null
                ? null
                : new Progress<long>(n => progress.Report(new(RecommenderEvaluationStage.ReadingSignals, n))),
            cancellationToken
        );
        return Evaluate(log, options, classifier, progress, cancellationToken) with { Elapsed = stopwatch.Elapsed };
    }

    /// <param name="log">Every signal and order before the end of the test window.</param>
    public static RecommenderEvaluationResult Evaluate(
        SignalLog log,
        RecommenderEvaluationOptions options,
        LifecycleClassifier? classifier = null,
        IProgress<RecommenderEvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var cutoff = options.CutoffTime;
        progress?.Report(new(RecommenderEvaluationStage.BuildingBaselines, log.SignalsBefore(cutoff)));
        var baselines = new Baselines(
            new SignalMatrix(log, cutoff, options.Recommender.Weights, classifier),
            options.Recommender
        );
        var baselinesElapsed = stopwatch.Elapsed;

        // What `recommender train --as-of <cut-off>` would choose (validated on the window before the cut-off), and the
        // tuned new models refitted on everything before the cut-off, judged here beside the others.
        using var selection = RecommenderSelection.Run(
            log,
            cutoff,
            options.RepeatableKinds,
            options.Recommender,
            options.Selection,
            classifier,
            progress is null
                ? null
                : new Progress<string>(name => progress.Report(new(RecommenderEvaluationStage.Selecting, 0, name))),
            cancellationToken
        );
        progress?.Report(new(RecommenderEvaluationStage.TrainingReranker, 0));
        using var model = RerankModel.Train(
            log,
            cutoff,
            options.Recommender,
            classifier,
            cancellationToken,
            selection.Windows
        );
        var context = new FitContext(log, cutoff, baselines, options.Recommender, classifier, cancellationToken);
        var tuned = TunedModels
            .Where(selection.Fits.ContainsKey)
            .Select(name => selection.Fits[name](context))
            .ToList();
        IReadOnlyList<IRecommender> recommenders =
        [
            .. baselines.All,
            new RerankRecommender(baselines, model, options.Recommender),
            .. tuned.Select(t => t.Recommender),
        ];

        var test = log.PositiveItemsBetween(cutoff, options.WindowEnd);
        var matrix = baselines.Matrix;
        var catalog = Enumerable.Range(0, matrix.ItemCount).Count(i => matrix.Item(i).Customers > 0);
        var protocols = new List<EvaluationProtocol>
        {
            Run(
                "repeatable "
                    + (options.RepeatableKinds.Count == 0 ? "none" : string.Join("+", options.RepeatableKinds.Order())),
                "items of repeatable kinds may be recommended again",
                options.RepeatableKinds
            ),
        };
        if (options.RepeatableKinds.Count > 0)
            protocols.Add(
                Run("new items only", "items taken before the cut-off are excluded", new HashSet<Content.ContentKind>())
            );
        foreach (var t in tuned)
            t.Dispose();
        return new RecommenderEvaluationResult(
            options,
            log.SignalsBefore(cutoff),
            catalog,
            model.Training,
            baselinesElapsed,
            protocols,
            stopwatch.Elapsed
        )
        {
            Selection = selection.Report,
        };

        EvaluationProtocol Run(string name, string description, IReadOnlySet<Content.ContentKind> repeatable)
        {
            var customers = TestCustomers(matrix, test, repeatable);
            var scores = recommenders
                .Select(r => Score(r, customers, catalog, options, progress, cancellationToken))
                .ToList();
            return new EvaluationProtocol(
                name,
                description,
                customers.Count,
                customers.Sum(c => c.Relevant.Count),
                scores
            );
        }
    }

    private static RecommenderScore Score(
        IRecommender recommender,
        List<EvaluationCustomer> customers,
        int catalog,
        RecommenderEvaluationOptions options,
        IProgress<RecommenderEvaluationProgress>? progress,
        CancellationToken cancellationToken
    ) => Measure(recommender, customers, catalog, options.K, progress, cancellationToken).Score;

    /// <summary>
    /// The customers judged on a window: those with signals before the matrix's cut-off and at least one test item
    /// left once items consumed before it (of kinds not in <paramref name="repeatable"/>) are removed.
    /// </summary>
    public static List<EvaluationCustomer> TestCustomers(
        SignalMatrix matrix,
        Dictionary<int, HashSet<int>> test,
        IReadOnlySet<Content.ContentKind> repeatable
    )
    {
        var customers = new List<EvaluationCustomer>();
        foreach (var (customer, items) in test.OrderBy(t => t.Key))
        {
            if (matrix.ItemsOf(customer).Length == 0)
                continue;
            var exclude = matrix.Consumed(customer, repeatable)!;
            var relevant = items.Where(i => !exclude(i)).ToHashSet();
            if (relevant.Count > 0)
                customers.Add(new EvaluationCustomer(customer, exclude, relevant));
        }
        return customers;
    }

    /// <summary>The recommender's top-k list for every customer, scored: the means, and NDCG@k per customer (for the
    /// paired bootstrap).</summary>
    public static (RecommenderScore Score, double[] Ndcg) Measure(
        IRecommender recommender,
        IReadOnlyList<EvaluationCustomer> customers,
        int catalog,
        int k,
        IProgress<RecommenderEvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var lists = new IReadOnlyList<int>[customers.Count];
        long done = 0;
        Parallel.For(0, customers.Count, new ParallelOptions { CancellationToken = cancellationToken }, n =>
        {
            var c = customers[n];
            lists[n] = recommender.Recommend(c.Customer, k, c.Exclude).Select(s => s.Item).ToArray();
            if (Interlocked.Increment(ref done) % 500 == 0)
                progress?.Report(new(RecommenderEvaluationStage.Evaluating, done, recommender.Name));
        });
        return Metrics(recommender.Name, lists, customers, catalog, k, stopwatch.Elapsed);
    }

    /// <summary>The metrics of given lists (one per customer, in the same order), with NDCG@k per customer.</summary>
    public static (RecommenderScore Score, double[] Ndcg) Metrics(
        string name,
        IReadOnlyList<IReadOnlyList<int>> lists,
        IReadOnlyList<EvaluationCustomer> customers,
        int catalog,
        int k,
        TimeSpan elapsed = default
    )
    {
        double hr = 0,
            recall = 0,
            map = 0;
        var ndcg = new double[customers.Count];
        for (var n = 0; n < customers.Count; n++)
        {
            var relevant = customers[n].Relevant;
            hr += RankingMetrics.HitRate(lists[n], relevant, k);
            ndcg[n] = RankingMetrics.Ndcg(lists[n], relevant, k);
            recall += RankingMetrics.Recall(lists[n], relevant, k);
            map += RankingMetrics.AveragePrecision(lists[n], relevant, k);
        }
        var count = Math.Max(1, customers.Count);
        return (
            new RecommenderScore(
                name,
                hr / count,
                ndcg.Sum() / count,
                recall / count,
                map / count,
                RankingMetrics.Coverage(lists, catalog),
                elapsed
            ),
            ndcg
        );
    }
}

/// <summary>A customer judged on a test window: what not to recommend and the items they took in the window.</summary>
public sealed record EvaluationCustomer(int Customer, Predicate<int>? Exclude, HashSet<int> Relevant);
