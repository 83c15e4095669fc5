using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Content;
using Personalize.Data;
using Personalize.NearCache;
using Personalize.Lifecycle;
using Personalize.Scores;

namespace Personalize.Recommendations.Serving;

public enum RecommenderTrainingStage { ReadingSignals, BuildingBaselines, TrainingReranker, ScoringCandidates, Saving, Caching }

public sealed record RecommenderTrainingProgress(RecommenderTrainingStage Stage, long Done, long Total = 0);

/// <summary>What <see cref="RecommenderTrainer.TrainAsync"/> did.</summary>
public sealed record RecommenderTrainingSummary(long Version, DateTime AsOf, int Customers, int Items, int Signals, int CandidateCustomers,
    RerankTraining Training, bool Cached, TimeSpan Elapsed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Trained recommender version {Version} as of {AsOf:yyyy-MM-dd}: {Signals:N0} signals, {Customers:N0} customers, {Items:N0} items; " +
        $"re-ranker on {Training.Groups:N0} customer-windows ({Training.Rows:N0} candidates) in {Training.Elapsed.TotalSeconds:0.0} s; " +
        $"candidate lists for {CandidateCustomers:N0} customers{(Cached ? "" : " (cache unavailable: served from the database)")}; {Elapsed.TotalSeconds:0.0} s in all");
}

/// <summary>
/// Trains the two-stage model on the signals before a date, scores every customer's candidates with it (in parallel,
/// one PredictionEngine per thread), and saves a new version: the model zip, the non-personal lists and the figures in
/// <c>RecommenderModels</c>, the candidate lists in <c>CustomerCandidates</c> — one transaction — then in the cache.
/// Running services switch to the new version on their next refresh.
/// </summary>
public sealed class RecommenderTrainer(IDbContextFactory<PersonalizeDbContext> factory, LifecycleClassifier classifier, ICandidateCache cache,
    CustomerNearCache nearCache, IOptions<RecommendationOptions> options, TimeProvider clock, ILogger<RecommenderTrainer> logger)
{
    /// <param name="trainingCustomers">Customers sampled per label window to train the re-ranker on (default <see cref="RecommendationOptions.TrainingCustomers"/>).</param>
    /// <exception cref="InvalidOperationException">There is nothing to train on before <paramref name="asOf"/>.</exception>
    public async Task<RecommenderTrainingSummary> TrainAsync(DateTime asOf, IProgress<RecommenderTrainingProgress>? progress = null,
        int? trainingCustomers = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var o = options.Value;
        // The evaluated model. LightGBM stays on one thread (repeatable, and its OpenMP threads wait badly on a busy machine);
        // the candidate lists are scored on every core.
        var model = RecommenderOptions.Default with { MaxTrainingCustomers = trainingCustomers ?? o.TrainingCustomers };
        var log = await new SignalLogReader(factory).ReadAsync(asOf, model.Weights,
            progress is null ? null : new Progress<long>(n => progress.Report(new(RecommenderTrainingStage.ReadingSignals, n))), cancellationToken);
        if (log.SignalCount == 0) throw new InvalidOperationException($"No interactions before {asOf:yyyy-MM-dd}: nothing to train the recommender on.");

        progress?.Report(new(RecommenderTrainingStage.BuildingBaselines, log.SignalCount));
        var baselines = new Baselines(new SignalMatrix(log, asOf, model.Weights, classifier), model);
        progress?.Report(new(RecommenderTrainingStage.TrainingReranker, 0));
        using var reranker = RerankModel.Train(log, asOf, model, classifier, cancellationToken);

        var lists = Candidates(baselines, reranker, model, o, progress, cancellationToken);
        progress?.Report(new(RecommenderTrainingStage.Saving, lists.Count));
        var version = new RecommenderModelVersion
        {
            TrainedAt = clock.GetUtcNow().UtcDateTime,
            AsOf = asOf,
            CustomerCount = log.CustomerCount,
            ItemCount = log.ItemCount,
            SignalCount = log.SignalCount,
            CandidateCustomers = lists.Count,
            TrainingGroups = reranker.Training.Groups,
            TrainingRows = reranker.Training.Rows,
            TrainingPositives = reranker.Training.Positives,
            TrainingSeconds = reranker.Training.Elapsed.TotalSeconds,
            Model = reranker.ToBytes(),
            Lists = NonPersonalLists(baselines, o.ListSize).ToBytes(),
        };
        await SaveAsync(version, lists, o.KeepVersions, stopwatch, cancellationToken);

        progress?.Report(new(RecommenderTrainingStage.Caching, lists.Count));
        var cached = true;
        try
        {
            await cache.SetManyAsync(lists.ToDictionary(l => l.CustomerId, l => new CandidateList(version.Id, l.Candidates)), cancellationToken);
        }
        catch (ScoreCacheUnavailableException e)
        {
            cached = false;
            logger.LogWarning(e, "Could not write the candidate lists to the cache; the service reads them from the database.");
        }
        nearCache.InvalidateAll();
        var summary = new RecommenderTrainingSummary(version.Id, asOf, log.CustomerCount, log.ItemCount, log.SignalCount, lists.Count,
            reranker.Training, cached, stopwatch.Elapsed);
        logger.LogInformation("{Summary}", summary);
        return summary;
    }

    private static List<(long CustomerId, RecommendationCandidate[] Candidates)> Candidates(Baselines b, RerankModel reranker, RecommenderOptions model, RecommendationOptions o,
        IProgress<RecommenderTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var m = b.Matrix;
        var repeatable = o.RepeatableKinds.ToHashSet();
        var customers = Enumerable.Range(0, m.CustomerCount).Where(c => m.ItemsOf(c).Length > 0).ToArray();
        var lists = new RecommendationCandidate[customers.Length][];
        long done = 0;
        Parallel.For(0, customers.Length, new ParallelOptions { CancellationToken = cancellationToken }, n =>
        {
            var c = customers[n];
            var scored = RankingFeatures.For(b, c, model, m.Consumed(c, repeatable))
                .Select(x => (x.Item, x.Features, Score: reranker.Score(x.Features)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
                .Take(o.CandidatesPerCustomer)
                .ToList();
            Dictionary<int, int>? links = null;
            lists[n] = scored.Select(x =>
            {
                var (reason, related) = ReasonFor(x.Features, () => links ??= b.Knn.StrongestLinks(c), x.Item, m.Log);
                return new RecommendationCandidate(m.Log.ItemIds[x.Item], x.Score, reason, related);
            }).ToArray();
            if (Interlocked.Increment(ref done) % 500 == 0) progress?.Report(new(RecommenderTrainingStage.ScoringCandidates, done, customers.Length));
        });
        return customers.Select((c, n) => (m.Log.CustomerIds[c], lists[n])).Where(l => l.Item2.Length > 0).ToList();
    }

    /// <summary>Why the candidate came up, read from its features (see <see cref="RankingFeatures"/>): taken before, similar to something taken, or popular.</summary>
    private static (ReasonCode Reason, long Related) ReasonFor(float[] features, Func<Dictionary<int, int>> links, int item, SignalLog log)
    {
        if (features[RankingFeatures.Consumed] > 0) return (ReasonCode.BuyAgain, 0);
        if (features[RankingFeatures.KnnScore] > 0 && links().TryGetValue(item, out var from))
            return (log.ItemKinds[from] == ContentKind.Product ? ReasonCode.BecauseYouBought : ReasonCode.BecauseYouViewed, log.ItemIds[from]);
        return features[RankingFeatures.StageRank] <= features[RankingFeatures.GlobalRank] ? (ReasonCode.PopularWithStage, 0) : (ReasonCode.Trending, 0);
    }

    private static ServingLists NonPersonalLists(Baselines b, int size)
    {
        RankedItem[] Ranked(PopularityRecommender p) => p.Top(size).Select(s => new RankedItem(b.Matrix.Log.ItemIds[s.Item], s.Score)).ToArray();
        return new ServingLists(Enum.GetValues<LifecycleStage>().ToDictionary(s => s, s => Ranked(b.Stage.For(s))), Ranked(b.Global));
    }

    private async Task SaveAsync(RecommenderModelVersion version, List<(long CustomerId, RecommendationCandidate[] Candidates)> lists, int keep,
        Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.RecommenderModels.Add(version);
        version.TotalSeconds = stopwatch.Elapsed.TotalSeconds;
        await db.SaveChangesAsync(cancellationToken);
        await db.CustomerCandidates.ExecuteDeleteAsync(cancellationToken);
        using (var bulk = new BulkInserter(db))
            bulk.Insert(lists.Select(l => new CustomerCandidates { CustomerId = l.CustomerId, ModelVersion = version.Id, Candidates = CandidateCodec.Encode(version.Id, l.Candidates) }),
                readGeneratedKeys: false);
        var oldest = version.Id - Math.Max(1, keep) + 1;
        await db.RecommenderModels.Where(m => m.Id < oldest).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
