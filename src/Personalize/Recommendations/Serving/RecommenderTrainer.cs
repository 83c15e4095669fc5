using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Content;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Scores;

namespace Personalize.Recommendations.Serving;

public enum RecommenderTrainingStage
{
    ReadingSignals,
    Selecting,
    BuildingBaselines,
    TrainingReranker,
    ScoringCandidates,
    Saving,
    Caching,
}

/// <summary>Where a training is; while selecting, <see cref="Detail"/> names the candidate being fitted.</summary>
public sealed record RecommenderTrainingProgress(
    RecommenderTrainingStage Stage,
    long Done,
    long Total = 0,
    string? Detail = null
);

/// <summary>A step of a training and how long it took.</summary>
public sealed record TrainingPhase(string Name, TimeSpan Elapsed);

/// <summary>What <see cref="RecommenderTrainer.TrainAsync"/> did.</summary>
public sealed record RecommenderTrainingSummary(
    long Version,
    DateTime AsOf,
    int Customers,
    int Items,
    int Signals,
    int CandidateCustomers,
    RerankTraining? Training,
    bool Cached,
    TimeSpan Elapsed
)
{
    public SelectionReport Selection { get; init; } = null!;

    /// <summary>Customers who consented to personalization (not erased), and all customers not erased.</summary>
    public int PersonalizableCustomers { get; init; }
    public int StoredCustomers { get; init; }

    /// <summary>Reading, selection, refit, candidate lists, saving and caching, in order.</summary>
    public IReadOnlyList<TrainingPhase> Phases { get; init; } = [];

    /// <summary>The process's peak resident memory when the training ended.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>Processor time the process used on every core (on a busy machine, what the training cost more than the
    /// elapsed time).</summary>
    public TimeSpan ProcessorTime { get; init; }

    public string PhasesText =>
        string.Join(
            ", ",
            Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Elapsed.TotalSeconds:0.0} s"))
        );

    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Trained recommender version {Version} as of {AsOf:yyyy-MM-dd}: serving {Selection.Selected} "
                + $"({Selection.Parameters}); {Signals:N0} signals, {Customers:N0} customers, {Items:N0} items; "
        )
        + (
            Training is { } t
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"re-ranker on {t.Groups:N0} customer-windows ({t.Rows:N0} candidates) in "
                        + $"{t.Elapsed.TotalSeconds:0.0} s; "
                )
                : ""
        )
        + string.Create(
            CultureInfo.InvariantCulture,
            $"candidate lists for {CandidateCustomers:N0} "
                + $"customers{(Cached ? "" : " (cache unavailable: served from the database)")}; "
                + $"{PersonalizableCustomers:N0} of {StoredCustomers:N0} customers can be personalized; "
                + $"{Elapsed.TotalSeconds:0.0} s in all"
        );
}

/// <summary>
/// Chooses the recommender on the store's own data (<see cref="RecommenderSelection"/>: the last window held out, every
/// candidate fitted before it and judged on it), refits the winner on every signal before the date, writes every
/// customer's candidate list from it (in parallel), and saves a new version: the choice, every candidate's validation
/// figures and the reason, the re-ranker's zip when it won, the non-personal lists, in <c>RecommenderModels</c>; the
/// candidate lists in <c>CustomerCandidates</c> — one transaction — then in the cache. Running services switch to the
/// new version on their next refresh.
/// </summary>
public sealed class RecommenderTrainer(
    IDbContextFactory<PersonalizeDbContext> factory,
    LifecycleClassifier classifier,
    ICustomerCache<CandidateList> cache,
    CustomerNearCache nearCache,
    IOptions<RecommendationOptions> options,
    TimeProvider clock,
    ILogger<RecommenderTrainer> logger
)
{
    /// <param name="trainingCustomers">Customers sampled per label window to train the re-ranker on (default <see cref="RecommendationOptions.TrainingCustomers"/>).</param>
    /// <exception cref="InvalidOperationException">There is nothing to train on before <paramref name="asOf"/>, or a
    /// setting is invalid.</exception>
    public async Task<RecommenderTrainingSummary> TrainAsync(
        DateTime asOf,
        IProgress<RecommenderTrainingProgress>? progress = null,
        int? trainingCustomers = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var phases = new List<TrainingPhase>();
        var lap = TimeSpan.Zero;
        void Phase(string name)
        {
            phases.Add(new TrainingPhase(name, stopwatch.Elapsed - lap));
            lap = stopwatch.Elapsed;
        }
        var o = options.Value;
        if (o.Selection.Validate() is { } invalid)
            throw new InvalidOperationException("Recommendations:" + invalid);
        // LightGBM stays on one thread (repeatable, and its OpenMP threads wait badly on a busy machine); the candidate
        // lists are scored on every core.
        var model = RecommenderOptions.Default with
        {
            MaxTrainingCustomers = trainingCustomers ?? o.TrainingCustomers,
        };
        var log = await new SignalLogReader(factory).ReadAsync(
            asOf,
            model.Weights,
            progress is null
                ? null
                : new Progress<long>(n => progress.Report(new(RecommenderTrainingStage.ReadingSignals, n))),
            cancellationToken
        );
        if (log.SignalCount == 0)
            throw new InvalidOperationException(
                $"No interactions before {asOf:yyyy-MM-dd}: nothing to train the recommender on."
            );
        Phase("reading signals");

        var repeatable = o.RepeatableKinds.ToHashSet();
        using var selection = RecommenderSelection.Run(
            log,
            asOf,
            repeatable,
            model,
            o.Selection,
            classifier,
            progress is null
                ? null
                : new SyncProgress<string>(name =>
                    progress.Report(new(RecommenderTrainingStage.Selecting, 0, 0, name))
                ),
            cancellationToken
        );
        var report = selection.Report;
        if (report.Selected != RecommenderSelection.Rerank)
            selection.Dispose(); // the re-ranker started ahead is not needed
        Phase("selection");

        progress?.Report(new(RecommenderTrainingStage.BuildingBaselines, log.SignalCount));
        var baselines = new Baselines(new SignalMatrix(log, asOf, model.Weights, classifier), model);
        progress?.Report(new(RecommenderTrainingStage.TrainingReranker, 0, 0, report.Selected));
        using var fitted = selection.FitSelected(
            new FitContext(log, asOf, baselines, model, classifier, cancellationToken) { Windows = selection.Windows }
        );
        Phase("refit " + report.Selected);

        var lists = Candidates(baselines, fitted, report.Selected, model, o, progress, cancellationToken);
        Phase("candidate lists");
        progress?.Report(new(RecommenderTrainingStage.Saving, lists.Count));
        var training = fitted.Model?.Training;
        var version = new RecommenderModelVersion
        {
            TrainedAt = clock.GetUtcNow().UtcDateTime,
            AsOf = asOf,
            CustomerCount = log.CustomerCount,
            ItemCount = log.ItemCount,
            SignalCount = log.SignalCount,
            CandidateCustomers = lists.Count,
            TrainingGroups = training?.Groups ?? 0,
            TrainingRows = training?.Rows ?? 0,
            TrainingPositives = training?.Positives ?? 0,
            TrainingSeconds = training?.Elapsed.TotalSeconds ?? 0,
            Model = fitted.Model?.ToBytes() ?? [],
            Lists = NonPersonalLists(baselines, o.ListSize).ToBytes(),
            Selected = report.Selected,
            SelectionReason = report.Reason,
            Selection = ModelSelection.From(report).ToBytes(),
        };
        await SaveAsync(version, lists, o.KeepVersions, stopwatch, cancellationToken);
        Phase("saving");

        progress?.Report(new(RecommenderTrainingStage.Caching, lists.Count));
        var cached = true;
        try
        {
            await cache.SetManyAsync(
                lists.ToDictionary(l => l.CustomerId, l => new CandidateList(version.Id, l.Candidates)),
                cancellationToken
            );
        }
        catch (CacheUnavailableException e)
        {
            cached = false;
            logger.LogWarning(
                e,
                "Could not write the candidate lists to the cache; the service reads them from the database."
            );
        }
        nearCache.InvalidateAll();
        Phase("caching");
        var (personalizable, stored) = await ConsentCountsAsync(factory, cancellationToken);
        var summary = new RecommenderTrainingSummary(
            version.Id,
            asOf,
            log.CustomerCount,
            log.ItemCount,
            log.SignalCount,
            lists.Count,
            training,
            cached,
            stopwatch.Elapsed
        )
        {
            Selection = report,
            PersonalizableCustomers = personalizable,
            StoredCustomers = stored,
            Phases = phases,
            PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64,
            ProcessorTime = Process.GetCurrentProcess().TotalProcessorTime,
        };
        logger.LogInformation("{Summary}", summary);
        return summary;
    }

    /// <summary>Customers (not erased) who consented to personalization, and all customers not erased.</summary>
    public static async Task<(int Personalizable, int Customers)> ConsentCountsAsync(
        IDbContextFactory<PersonalizeDbContext> factory,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.Where(c => c.ErasedAt == null);
        return (
            await customers.CountAsync(c => c.ConsentPersonalization, cancellationToken),
            await customers.CountAsync(cancellationToken)
        );
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread
    /// pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static List<(long CustomerId, RecommendationCandidate[] Candidates)> Candidates(
        Baselines b,
        FittedRecommender fitted,
        string selected,
        RecommenderOptions model,
        RecommendationOptions o,
        IProgress<RecommenderTrainingProgress>? progress,
        CancellationToken cancellationToken
    )
    {
        var m = b.Matrix;
        var repeatable = o.RepeatableKinds.ToHashSet();
        var customers = Enumerable.Range(0, m.CustomerCount).Where(c => m.ItemsOf(c).Length > 0).ToArray();
        var lists = new RecommendationCandidate[customers.Length][];
        var simple = selected is RecommenderSelection.Popularity or RecommenderSelection.StagePopularity;
        var popularReason =
            selected == RecommenderSelection.StagePopularity ? ReasonCode.PopularWithStage : ReasonCode.Trending;
        long done = 0;
        Parallel.For(0, customers.Length, new ParallelOptions { CancellationToken = cancellationToken }, n =>
        {
            var c = customers[n];
            Dictionary<int, int>? links = null;
            if (fitted.Model is { } reranker)
            {
                var scored = RankingFeatures
                    .For(b, c, model, m.Consumed(c, repeatable))
                    .Select(x => (x.Item, x.Features, Score: reranker.Score(x.Features)))
                    .OrderByDescending(x => x.Score)
                    .ThenBy(x => x.Item)
                    .Take(o.CandidatesPerCustomer)
                    .ToList();
                lists[n] = scored
                    .Select(x =>
                    {
                        var (reason, related) = ReasonFor(
                            x.Features,
                            () => links ??= b.Knn.StrongestLinks(c),
                            x.Item,
                            m.Log
                        );
                        return new RecommendationCandidate(m.Log.ItemIds[x.Item], x.Score, reason, related);
                    })
                    .ToArray();
            }
            else
                lists[n] = fitted
                    .Recommender.Recommend(c, o.CandidatesPerCustomer, m.Consumed(c, repeatable))
                    .Select(x =>
                    {
                        var (reason, related) = ReasonFor(
                            m,
                            c,
                            x.Item,
                            simple ? null : () => links ??= b.Knn.StrongestLinks(c),
                            popularReason
                        );
                        return new RecommendationCandidate(m.Log.ItemIds[x.Item], x.Score, reason, related);
                    })
                    .ToArray();
            if (Interlocked.Increment(ref done) % 500 == 0)
                progress?.Report(new(RecommenderTrainingStage.ScoringCandidates, done, customers.Length));
        });
        return customers.Select((c, n) => (m.Log.CustomerIds[c], lists[n])).Where(l => l.Item2.Length > 0).ToList();
    }

    /// <summary>Why a candidate of a model other than the re-ranker came up: taken before, similar to something taken
    /// (item kNN's strongest link), or popular.</summary>
    private static (ReasonCode Reason, long Related) ReasonFor(
        SignalMatrix m,
        int customer,
        int item,
        Func<Dictionary<int, int>>? links,
        ReasonCode popular
    )
    {
        if (m.TryGet(customer, item, out var pair) && pair.Score > 0)
            return (ReasonCode.BuyAgain, 0);
        if (links is not null && links().TryGetValue(item, out var from))
            return (
                m.Log.ItemKinds[from] == ContentKind.Product
                    ? ReasonCode.BecauseYouBought
                    : ReasonCode.BecauseYouViewed,
                m.Log.ItemIds[from]
            );
        return (popular, 0);
    }

    /// <summary>Why the candidate came up, read from its features (see <see cref="RankingFeatures"/>): taken before,
    /// similar to something taken, or popular.</summary>
    private static (ReasonCode Reason, long Related) ReasonFor(
        float[] features,
        Func<Dictionary<int, int>> links,
        int item,
        SignalLog log
    )
    {
        if (features[RankingFeatures.Consumed] > 0)
            return (ReasonCode.BuyAgain, 0);
        if (features[RankingFeatures.KnnScore] > 0 && links().TryGetValue(item, out var from))
            return (
                log.ItemKinds[from] == ContentKind.Product ? ReasonCode.BecauseYouBought : ReasonCode.BecauseYouViewed,
                log.ItemIds[from]
            );
        return features[RankingFeatures.StageRank] <= features[RankingFeatures.GlobalRank]
            ? (ReasonCode.PopularWithStage, 0)
            : (ReasonCode.Trending, 0);
    }

    private static ServingLists NonPersonalLists(Baselines b, int size)
    {
        RankedItem[] Ranked(PopularityRecommender p) =>
            p.Top(size).Select(s => new RankedItem(b.Matrix.Log.ItemIds[s.Item], s.Score)).ToArray();
        return new ServingLists(
            Enum.GetValues<LifecycleStage>().ToDictionary(s => s, s => Ranked(b.Stage.For(s))),
            Ranked(b.Global)
        );
    }

    private async Task SaveAsync(
        RecommenderModelVersion version,
        List<(long CustomerId, RecommendationCandidate[] Candidates)> lists,
        int keep,
        Stopwatch stopwatch,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.RecommenderModels.Add(version);
        version.TotalSeconds = stopwatch.Elapsed.TotalSeconds;
        await db.SaveChangesAsync(cancellationToken);
        await db.CustomerCandidates.ExecuteDeleteAsync(cancellationToken);
        using (var bulk = new BulkInserter(db))
            bulk.Insert(
                lists.Select(l => new CustomerCandidates
                {
                    CustomerId = l.CustomerId,
                    ModelVersion = version.Id,
                    Candidates = CandidateCodec.Encode(version.Id, l.Candidates),
                }),
                readGeneratedKeys: false
            );
        var oldest = version.Id - Math.Max(1, keep) + 1;
        await db.RecommenderModels.Where(m => m.Id < oldest).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
