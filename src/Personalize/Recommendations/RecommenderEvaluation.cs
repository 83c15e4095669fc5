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
public sealed class RecommenderEvaluation(IDbContextFactory<PersonalizeDbContext> factory, LifecycleClassifier classifier)
{
    public async Task<RecommenderEvaluationResult> RunAsync(RecommenderEvaluationOptions options,
        IProgress<RecommenderEvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var log = await new SignalLogReader(factory).ReadAsync(options.WindowEnd, options.Recommender.Weights,
            progress is null ? null : new Progress<long>(n => progress.Report(new(RecommenderEvaluationStage.ReadingSignals, n))), cancellationToken);
        return Evaluate(log, options, classifier, progress, cancellationToken) with { Elapsed = stopwatch.Elapsed };
    }

    /// <param name="log">Every signal and order before the end of the test window.</param>
    public static RecommenderEvaluationResult Evaluate(SignalLog log, RecommenderEvaluationOptions options, LifecycleClassifier? classifier = null,
        IProgress<RecommenderEvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var cutoff = options.CutoffTime;
        progress?.Report(new(RecommenderEvaluationStage.BuildingBaselines, log.SignalsBefore(cutoff)));
        var baselines = new Baselines(new SignalMatrix(log, cutoff, options.Recommender.Weights, classifier), options.Recommender);
        var baselinesElapsed = stopwatch.Elapsed;

        progress?.Report(new(RecommenderEvaluationStage.TrainingReranker, 0));
        using var model = RerankModel.Train(log, cutoff, options.Recommender, classifier, cancellationToken);
        IReadOnlyList<IRecommender> recommenders = [.. baselines.All, new RerankRecommender(baselines, model, options.Recommender)];

        var test = log.PositiveItemsBetween(cutoff, options.WindowEnd);
        var matrix = baselines.Matrix;
        var catalog = Enumerable.Range(0, matrix.ItemCount).Count(i => matrix.Item(i).Customers > 0);
        var protocols = new List<EvaluationProtocol>
        {
            Run("repeatable " + (options.RepeatableKinds.Count == 0 ? "none" : string.Join("+", options.RepeatableKinds.Order())),
                "items of repeatable kinds may be recommended again", options.RepeatableKinds),
        };
        if (options.RepeatableKinds.Count > 0)
            protocols.Add(Run("new items only", "items taken before the cut-off are excluded", new HashSet<Content.ContentKind>()));
        return new RecommenderEvaluationResult(options, log.SignalsBefore(cutoff), catalog, model.Training, baselinesElapsed, protocols, stopwatch.Elapsed);

        EvaluationProtocol Run(string name, string description, IReadOnlySet<Content.ContentKind> repeatable)
        {
            var customers = new List<(int Customer, Predicate<int>? Exclude, HashSet<int> Relevant)>();
            foreach (var (customer, items) in test.OrderBy(t => t.Key))
            {
                if (matrix.ItemsOf(customer).Length == 0) continue;
                var exclude = matrix.Consumed(customer, repeatable)!;
                var relevant = items.Where(i => !exclude(i)).ToHashSet();
                if (relevant.Count > 0) customers.Add((customer, exclude, relevant));
            }
            var scores = recommenders.Select(r => Score(r, customers, catalog, options, progress, cancellationToken)).ToList();
            return new EvaluationProtocol(name, description, customers.Count, customers.Sum(c => c.Relevant.Count), scores);
        }
    }

    private static RecommenderScore Score(IRecommender recommender, List<(int Customer, Predicate<int>? Exclude, HashSet<int> Relevant)> customers,
        int catalog, RecommenderEvaluationOptions options, IProgress<RecommenderEvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var k = options.K;
        var lists = new IReadOnlyList<int>[customers.Count];
        long done = 0;
        Parallel.For(0, customers.Count, new ParallelOptions { CancellationToken = cancellationToken }, n =>
        {
            var (customer, exclude, _) = customers[n];
            lists[n] = recommender.Recommend(customer, k, exclude).Select(s => s.Item).ToArray();
            if (Interlocked.Increment(ref done) % 500 == 0) progress?.Report(new(RecommenderEvaluationStage.Evaluating, done, recommender.Name));
        });
        double hr = 0, ndcg = 0, recall = 0, map = 0;
        for (var n = 0; n < customers.Count; n++)
        {
            var relevant = customers[n].Relevant;
            hr += RankingMetrics.HitRate(lists[n], relevant, k);
            ndcg += RankingMetrics.Ndcg(lists[n], relevant, k);
            recall += RankingMetrics.Recall(lists[n], relevant, k);
            map += RankingMetrics.AveragePrecision(lists[n], relevant, k);
        }
        var count = Math.Max(1, customers.Count);
        return new RecommenderScore(recommender.Name, hr / count, ndcg / count, recall / count, map / count,
            RankingMetrics.Coverage(lists, catalog), stopwatch.Elapsed);
    }
}
