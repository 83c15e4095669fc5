using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Lifetime;
using Personalize.Lifetime.Backtest;
using Personalize.Lifetime.Selection;

namespace Personalize.Scores;

public enum ScorePhase
{
    ReadingOrders,
    Fitting,
    Scoring,
    Saving,
    UpdatingCustomers,
    Caching,
    Done,
}

public sealed record ScoreProgress(ScorePhase Phase, long Done, long Total);

/// <summary>What `scores recompute` did, in one line.</summary>
/// <param name="Phases">Seconds spent per phase, for benchmarks.</param>
/// <param name="PhaseCpu">
/// CPU seconds of the process per phase: what a phase costs whatever else runs on the machine (a busy machine stretches
/// the elapsed seconds, not these); above the elapsed seconds where a phase runs on several cores.
/// </param>
public sealed record ScoreRecomputeSummary(
    ClvSnapshot Snapshot,
    int StageChanges,
    int Cached,
    string? CacheProblem,
    TimeSpan Elapsed,
    IReadOnlyDictionary<ScorePhase, double> Phases,
    IReadOnlyDictionary<ScorePhase, double> PhaseCpu
)
{
    public override string ToString() =>
        $"Scored {Snapshot.CustomerCount:N0} customers as of {Snapshot.AsOf:yyyy-MM-dd} (snapshot {Snapshot.Id}): "
        + $"{Snapshot.PurchaseModelInUse().Parameters} ({Snapshot.TimeUnit.ToString().ToLowerInvariant()}s, LL "
        + $"{Snapshot.PurchaseLogLikelihood:F1}{(Snapshot.PurchaseBoundNote is null ? "" : ", on a bound")}; "
        + $"chosen by {Snapshot.SelectionRule}), "
        + (
            Snapshot.P is { } p
                ? $"Gamma-Gamma p={p:G4} q={Snapshot.Q:G4} γ={Snapshot.Gamma:G4} on "
                    + $"{Snapshot.GammaGammaCustomerCount:N0} repeat customers (spend/frequency "
                    + $"r={Snapshot.SpendFrequencyCorrelation:F3}), "
                : "no Gamma-Gamma fit, "
        )
        + $"{StageChanges:N0} stage changes, {Cached:N0} cached{(CacheProblem is null ? "" : $" ({CacheProblem})")} in "
        + $"{Elapsed.TotalSeconds:F1} s";
}

/// <summary>
/// `scores recompute`: reads every customer's orders up to a date, chooses a purchase model (BG/NBD, Pareto/NBD,
/// MBG/NBD) by a back-test on the store's own history (<see cref="PurchaseModelSelector"/>), fits it and Gamma-Gamma on
/// sufficient statistics, scores every customer (CLV, P(alive), RFM), stores the snapshot and its per-customer rows,
/// updates the customers' current scores and stages (recording stage changes), and writes the scores to the cache.
/// </summary>
public sealed class ScoreRecomputer(
    IDbContextFactory<PersonalizeDbContext> factory,
    CustomerScorer scorer,
    LifecycleClassifier classifier,
    CustomerSummaryRefresher refresher,
    ClvModelStore models,
    ICustomerCache<CustomerScore> cache,
    CustomerNearCache nearCache,
    IOptions<ScoringOptions> scoring,
    IOptions<LifecycleOptions> lifecycle,
    TimeProvider clock,
    ILogger<ScoreRecomputer> logger
)
{
    private const int CacheBatch = 20_000;
    private const int ScoringChunk = 20_000;
    private const int CacheWriteAttempts = 3;

    /// <exception cref="ModelFitException">No purchase model could be fitted (e.g. nobody repeated); no snapshot is
    /// stored, the failure is recorded.</exception>
    public async Task<ScoreRecomputeSummary> RecomputeAsync(
        DateOnly? asOf = null,
        IProgress<ScoreProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var (phases, phaseCpu) = (new Dictionary<ScorePhase, double>(), new Dictionary<ScorePhase, double>());
        var (lap, cpu) = (TimeSpan.Zero, Process.GetCurrentProcess().TotalProcessorTime);
        void Lap(ScorePhase phase)
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            (phases[phase], phaseCpu[phase]) = ((stopwatch.Elapsed - lap).TotalSeconds, (now - cpu).TotalSeconds);
            (lap, cpu) = (stopwatch.Elapsed, now);
        }
        var options = scoring.Value;
        var day = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var asOfTime = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var holdout = new ClvBacktestOptions(day.AddDays(-options.HoldoutDays), day, options.TimeUnit);
        var (customers, calibration) = await ReadStatisticsAsync(day, holdout, progress, cancellationToken);
        Lap(ScorePhase.ReadingOrders);

        // The previous snapshot's fits are a good start for today's.
        var previous =
            await models.CurrentAsync(cancellationToken) is { } last && last.TimeUnit == options.TimeUnit ? last : null;
        var fitted = Fit(customers, calibration, holdout.HoldoutLength, previous, progress);
        calibration = null!; // what the back-test needed is in the selection now; a million customers' worth of memory
        var selection = fitted.Selection;
        if (selection.Chosen?.Parameters is not { } purchaseParameters)
        {
            await RecordFailureAsync(asOfTime, selection.Failure ?? selection.Reason, cancellationToken);
            throw new ModelFitException(selection.Failure ?? selection.Reason);
        }
        var ggParameters = fitted.GammaGamma is { Converged: true } gg ? gg.Parameters : null;
        Lap(ScorePhase.Fitting);

        var snapshot = new ClvSnapshot
        {
            AsOf = asOfTime,
            ComputedAt = clock.GetUtcNow().UtcDateTime,
            TimeUnit = options.TimeUnit,
            CustomerCount = customers.Count,
            RepeatCustomerCount = (int)fitted.RepeatCustomers,
            PurchaseModel = purchaseParameters.Kind,
            PurchaseParameters = purchaseParameters.Serialize(),
            PurchaseLogLikelihood = selection.Chosen.LogLikelihood,
            PurchaseBoundNote = selection.Chosen.BoundNote,
            SelectionRule = selection.Rule,
            SelectionReason = selection.Reason,
            HoldoutDays = options.HoldoutDays,
            Candidates = ClvSnapshot.SerializeCandidates(selection.Candidates),
            P = ggParameters?.P,
            Q = ggParameters?.Q,
            Gamma = ggParameters?.Gamma,
            GammaGammaLogLikelihood = ggParameters is null ? null : fitted.GammaGamma!.LogLikelihood,
            GammaGammaCustomerCount = (int)fitted.SpendCustomers,
            SpendFrequencyCorrelation = fitted.SpendFrequencyCorrelation,
            HorizonMonths = options.HorizonMonths,
            AnnualDiscountRate = options.AnnualDiscountRate,
        };

        var scores = Score(customers, snapshot, progress);
        snapshot.LoyalClvThreshold = TopBandThreshold(scores, lifecycle.Value.LoyalTopShare);
        Lap(ScorePhase.Scoring);

        var stageChanges = await SaveAsync(snapshot, customers, scores, asOfTime, progress, cancellationToken);
        models.Invalidate();
        nearCache.InvalidateAll();
        Lap(ScorePhase.Saving);
        var (cached, cacheProblem) = await WriteCacheAsync(snapshot, scores, progress, cancellationToken);
        Lap(ScorePhase.Caching);

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            await db
                .ClvSnapshots.Where(s => s.Id == snapshot.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.DurationSeconds, stopwatch.Elapsed.TotalSeconds),
                    cancellationToken
                );
        progress?.Report(new ScoreProgress(ScorePhase.Done, customers.Count, customers.Count));
        snapshot.DurationSeconds = stopwatch.Elapsed.TotalSeconds;
        return new ScoreRecomputeSummary(
            snapshot,
            stageChanges,
            cached,
            cacheProblem,
            stopwatch.Elapsed,
            phases,
            phaseCpu
        );
    }

    /// <summary>
    /// The purchase models, chosen by <see cref="PurchaseModelSelector"/>, and Gamma-Gamma, on sufficient statistics
    /// built here and dropped on return.
    /// </summary>
    private FittedModels Fit(
        List<(long CustomerId, CustomerStatistics Statistics)> customers,
        List<ClvBacktestCustomer> calibration,
        double holdoutLength,
        ClvSnapshot? previous,
        IProgress<ScoreProgress>? progress
    )
    {
        var options = scoring.Value;
        var candidates = options.ModelKinds();
        progress?.Report(new ScoreProgress(ScorePhase.Fitting, 0, candidates.Count + 1));
        var repeat = new RepeatPurchaseData();
        var spend = new SpendData();
        foreach (var (_, s) in customers)
        {
            repeat.Add(s.Frequency, s.Recency, s.Age);
            if (s.Frequency > 0 && s.MonetaryValue > 0)
                spend.Add(s.Frequency, (double)s.MonetaryValue);
        }
        var fitOptions = ModelFitOptions.Default with { Penalizer = options.Penalizer };
        var selection = PurchaseModelSelector.Select(
            repeat,
            calibration,
            holdoutLength,
            new PurchaseModelSelectionOptions
            {
                Models = candidates,
                Fit = fitOptions,
                MinimumBacktestRepeatCustomers = options.MinimumBacktestRepeatCustomers,
                BacktestSampleCustomers = options.BacktestSampleCustomers,
            },
            previous is null ? null : WarmStarts(previous)
        );
        progress?.Report(new ScoreProgress(ScorePhase.Fitting, candidates.Count, candidates.Count + 1));
        var gammaGamma =
            selection.Chosen is not null && spend.CustomerCount >= 2
                ? GammaGammaFitter.Fit(spend, previous?.SpendModel()?.Parameters, fitOptions)
                : null;
        if (gammaGamma is { Converged: false })
            logger.LogWarning(
                "Gamma-Gamma did not fit ({Reason}); expected spend falls back to each customer's average order.",
                gammaGamma.FailureReason
            );
        progress?.Report(new ScoreProgress(ScorePhase.Fitting, candidates.Count + 1, candidates.Count + 1));
        return new FittedModels(
            selection,
            gammaGamma,
            repeat.RepeatCustomerCount,
            spend.CustomerCount,
            GammaGammaModel.FrequencySpendCorrelation(spend)
        );
    }

    private sealed record FittedModels(
        PurchaseModelSelection Selection,
        ModelFit<GammaGammaParameters>? GammaGamma,
        long RepeatCustomers,
        long SpendCustomers,
        double? SpendFrequencyCorrelation
    );

    /// <summary>
    /// Every customer's scores, on all cores. The expected purchases of a customer still alive depend on (x, T) only,
    /// so they are computed once per distinct (x, T) and shared (a million customers have about a tenth as many).
    /// </summary>
    private SnapshotScore[] Score(
        List<(long CustomerId, CustomerStatistics Statistics)> customers,
        ClvSnapshot snapshot,
        IProgress<ScoreProgress>? progress
    )
    {
        var rfmInputs = customers.Select(c => RfmInput.FromStatistics(c.Statistics)).ToList();
        var rfm = RfmBoundaries.FromPopulation(rfmInputs);
        snapshot.RfmBoundaries = rfm.ToString();
        var pairs = customers.Select(c => (c.Statistics.Frequency, c.Statistics.Age)).Distinct().ToArray();
        var ifAlive = new AlivePurchases[pairs.Length];
        snapshot.PurchaseModelInUse();
        Parallel.For(0, pairs.Length, i =>
            ifAlive[i] = CustomerScorer.IfAlive(snapshot, pairs[i].Frequency, pairs[i].Age)
        );
        var byPair = new Dictionary<(int, double), AlivePurchases>(pairs.Length);
        for (var i = 0; i < pairs.Length; i++)
            byPair[pairs[i]] = ifAlive[i];

        var scores = new SnapshotScore[customers.Count];
        var done = 0;
        Parallel.For(0, (customers.Count + ScoringChunk - 1) / ScoringChunk, chunk =>
        {
            for (var i = chunk * ScoringChunk; i < Math.Min(customers.Count, (chunk + 1) * ScoringChunk); i++)
            {
                var (id, statistics) = customers[i];
                scores[i] = scorer.Score(
                    id,
                    statistics,
                    snapshot,
                    rfm.Score(rfmInputs[i]),
                    byPair[(statistics.Frequency, statistics.Age)]
                );
            }
            progress?.Report(
                new ScoreProgress(ScorePhase.Scoring, Interlocked.Add(ref done, ScoringChunk), customers.Count)
            );
        });
        progress?.Report(new ScoreProgress(ScorePhase.Scoring, customers.Count, customers.Count));
        return scores;
    }

    /// <summary>
    /// Every customer's statistics from their orders up to the as-of day, and from the same orders the back-test's
    /// calibration customers with their actual holdout purchase days, in customer order. The customers are read in
    /// ranges of ids, one connection each, on all cores: materializing the rows is the costly part, not the database.
    /// </summary>
    private async Task<(
        List<(long CustomerId, CustomerStatistics Statistics)> Customers,
        List<ClvBacktestCustomer> Calibration
    )> ReadStatisticsAsync(
        DateOnly asOf,
        ClvBacktestOptions holdout,
        IProgress<ScoreProgress>? progress,
        CancellationToken cancellationToken
    )
    {
        var end = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        long total,
            first,
            last;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            total = await db.Orders.CountAsync(o => o.OrderedAt < end, cancellationToken);
            if (total == 0)
                return ([], []);
            (first, last) = (
                await db.Orders.MinAsync(o => o.CustomerId, cancellationToken),
                await db.Orders.MaxAsync(o => o.CustomerId, cancellationToken)
            );
        }
        var ranges = (int)Math.Min(2 * Environment.ProcessorCount, last - first + 1);
        long read = 0;
        var parts = await Task.WhenAll(
            Enumerable
                .Range(0, ranges)
                .Select(i =>
                    Task.Run(
                        () =>
                            ReadRangeAsync(
                                first + (last - first + 1) * i / ranges,
                                first + (last - first + 1) * (i + 1) / ranges,
                                end,
                                asOf,
                                holdout,
                                count =>
                                    progress?.Report(
                                        new ScoreProgress(
                                            ScorePhase.ReadingOrders,
                                            Interlocked.Add(ref read, count),
                                            total
                                        )
                                    ),
                                cancellationToken
                            ),
                        cancellationToken
                    )
                )
        );
        progress?.Report(new ScoreProgress(ScorePhase.ReadingOrders, total, total));
        var customers = new List<(long, CustomerStatistics)>(parts.Sum(p => p.Customers.Count));
        var calibration = new List<ClvBacktestCustomer>(parts.Sum(p => p.Calibration.Count));
        foreach (var (part, partCalibration) in parts)
        {
            customers.AddRange(part);
            calibration.AddRange(partCalibration);
            // Each part's memory goes as soon as it is copied.
            part.Clear();
            partCalibration.Clear();
            (part.Capacity, partCalibration.Capacity) = (0, 0);
        }
        return (customers, calibration);
    }

    /// <summary>The customers with ids in [<paramref name="from"/>, <paramref name="to"/>), from their orders before
    /// <paramref name="end"/>.</summary>
    private async Task<(
        List<(long, CustomerStatistics)> Customers,
        List<ClvBacktestCustomer> Calibration
    )> ReadRangeAsync(
        long from,
        long to,
        DateTime end,
        DateOnly asOf,
        ClvBacktestOptions holdout,
        Action<long> ordersRead,
        CancellationToken cancellationToken
    )
    {
        const int ReportEvery = 200_000;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var result = new List<(long, CustomerStatistics)>();
        var calibration = new List<ClvBacktestCustomer>();
        var orders = db
            .Orders.Where(o => o.CustomerId >= from && o.CustomerId < to && o.OrderedAt < end)
            .OrderBy(o => o.CustomerId)
            .ThenBy(o => o.OrderedAt)
            .Select(o => new
            {
                o.CustomerId,
                o.OrderedAt,
                o.Amount,
                o.Margin,
            })
            .AsAsyncEnumerable();
        var current = -1L;
        var accumulator = new CustomerStatisticsAccumulator();
        var split = new CustomerHoldout(holdout);
        long read = 0;
        void Flush()
        {
            if (accumulator.Build(asOf, holdout.Unit) is { } statistics)
            {
                result.Add((current, statistics));
                if (split.Finish() is { } customer)
                    calibration.Add(customer);
            }
            accumulator.Reset();
        }
        await foreach (var order in orders.WithCancellation(cancellationToken))
        {
            if (order.CustomerId != current)
            {
                Flush();
                current = order.CustomerId;
                split.Start(current);
            }
            accumulator.Add(order.OrderedAt, order.Amount, order.Margin);
            split.Add(order.OrderedAt);
            if (++read % ReportEvery == 0)
                ordersRead(ReportEvery);
        }
        Flush();
        return (result, calibration);
    }

    /// <summary>Each candidate's fits of the previous snapshot, on the whole history and on the calibration
    /// period.</summary>
    private static Dictionary<PurchaseModelKind, PurchaseModelStart> WarmStarts(ClvSnapshot previous)
    {
        PurchaseModelParameters? Parameters(PurchaseModelKind kind, IReadOnlyDictionary<string, double>? named) =>
            named is not null && kind.ParameterNames().All(named.ContainsKey)
                ? new PurchaseModelParameters(kind, kind.ParameterNames().Select(n => named[n]).ToArray())
                : null;
        return previous
            .CandidateList()
            .ToDictionary(
                c => c.Kind,
                c => new PurchaseModelStart(
                    Parameters(c.Kind, c.Parameters),
                    Parameters(c.Kind, c.Backtest?.Parameters)
                )
            );
    }

    /// <summary>No model fitted: the previous snapshot stays; the reason is kept for `clvModel` and /readyz (the last
    /// 20 attempts).</summary>
    private async Task RecordFailureAsync(DateTime asOf, string reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ClvRecomputeFailures.Add(
            new ClvRecomputeFailure
            {
                AsOf = asOf,
                AttemptedAt = clock.GetUtcNow().UtcDateTime,
                Reason = reason,
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        var keep = await db
            .ClvRecomputeFailures.OrderByDescending(f => f.Id)
            .Select(f => f.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
        await db.ClvRecomputeFailures.Where(f => !keep.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        models.Invalidate();
    }

    /// <summary>The predicted CLV from which a customer is in the top band (the LOYAL threshold).</summary>
    private static decimal TopBandThreshold(SnapshotScore[] scores, double topShare)
    {
        if (scores.Length == 0)
            return decimal.MaxValue;
        var sorted = scores.Select(s => s.PredictedClv).OrderDescending().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(topShare * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }

    /// <returns>How many customers changed stage.</returns>
    private async Task<int> SaveAsync(
        ClvSnapshot snapshot,
        List<(long CustomerId, CustomerStatistics Statistics)> customers,
        SnapshotScore[] scores,
        DateTime asOf,
        IProgress<ScoreProgress>? progress,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.UseLargePageCacheAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ClvSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);

        // Each customer's snapshot row, with the stage the rule gives from the scores and the orders up to the as-of
        // date.
        using (var rows = new BulkInserter(db))
            for (var i = 0; i < scores.Length; i++)
            {
                var score = scores[i];
                score.SnapshotId = snapshot.Id;
                var customer = new Customer { Id = score.CustomerId };
                CustomerScorer.Apply(customer, score, snapshot, snapshot.ComputedAt);
                var statistics = customers[i].Statistics;
                (customer.OrderCount, customer.TotalSpent, customer.FirstOrderAt, customer.LastOrderAt) = (
                    statistics.OrderCount,
                    statistics.Revenue,
                    statistics.FirstOrderAt,
                    statistics.LastOrderAt
                );
                score.Stage = classifier.Classify(customer, asOf, snapshot.LoyalClvThreshold);
                rows.Insert([score], readGeneratedKeys: false);
                if (i % 50_000 == 0)
                    progress?.Report(new ScoreProgress(ScorePhase.Saving, i, scores.Length));
            }

        var (id, computedAt, asOfDate) = (snapshot.Id, snapshot.ComputedAt, snapshot.AsOf);
        var rebuildIndexes = await ScoreIndexes.SetAsideAsync(db, cancellationToken);
        await db
            .Customers.Join(
                db.SnapshotScores.Where(s => s.SnapshotId == id),
                c => c.Id,
                s => s.CustomerId,
                (c, s) => new { c, s }
            )
            .ExecuteUpdateAsync(
                u =>
                    u.SetProperty(x => x.c.ScoreSnapshotId, id)
                        .SetProperty(x => x.c.ScoresAsOf, asOfDate)
                        .SetProperty(x => x.c.ScoredAt, computedAt)
                        .SetProperty(x => x.c.RepeatPurchases, x => x.s.RepeatPurchases)
                        .SetProperty(x => x.c.RecencyPeriods, x => x.s.RecencyPeriods)
                        .SetProperty(x => x.c.AgePeriods, x => x.s.AgePeriods)
                        .SetProperty(x => x.c.MonetaryValue, x => x.s.MonetaryValue)
                        .SetProperty(x => x.c.ProbabilityAlive, x => x.s.ProbabilityAlive)
                        .SetProperty(x => x.c.ExpectedPurchases, x => x.s.ExpectedPurchases)
                        .SetProperty(x => x.c.PredictedClv, x => x.s.PredictedClv)
                        .SetProperty(x => x.c.HistoricalClv, x => x.s.HistoricalClv)
                        .SetProperty(x => x.c.AverageOrderValue, x => x.s.AverageOrderValue)
                        .SetProperty(x => x.c.ExpectedAverageOrderValue, x => x.s.ExpectedAverageOrderValue)
                        .SetProperty(x => x.c.RfmRecency, x => x.s.RfmRecency)
                        .SetProperty(x => x.c.RfmFrequency, x => x.s.RfmFrequency)
                        .SetProperty(x => x.c.RfmMonetary, x => x.s.RfmMonetary)
                        .SetProperty(
                            x => x.c.RfmScore,
                            x => x.s.RfmRecency * 100 + x.s.RfmFrequency * 10 + x.s.RfmMonetary
                        )
                        .SetProperty(x => x.c.RhythmDueAt, x => x.s.RhythmDueAt),
                cancellationToken
            );
        progress?.Report(new ScoreProgress(ScorePhase.UpdatingCustomers, 0, 2));
        await db
            .Customers.Where(c => c.ScoreSnapshotId != null && c.ScoreSnapshotId != id)
            .ExecuteUpdateAsync(
                u =>
                    u.SetProperty(c => c.ScoreSnapshotId, (long?)null)
                        .SetProperty(c => c.ScoresAsOf, (DateTime?)null)
                        .SetProperty(c => c.ScoredAt, (DateTime?)null)
                        .SetProperty(c => c.RepeatPurchases, (int?)null)
                        .SetProperty(c => c.RecencyPeriods, (double?)null)
                        .SetProperty(c => c.AgePeriods, (double?)null)
                        .SetProperty(c => c.MonetaryValue, (decimal?)null)
                        .SetProperty(c => c.ProbabilityAlive, (double?)null)
                        .SetProperty(c => c.ExpectedPurchases, (double?)null)
                        .SetProperty(c => c.PredictedClv, (decimal?)null)
                        .SetProperty(c => c.HistoricalClv, (decimal?)null)
                        .SetProperty(c => c.AverageOrderValue, (decimal?)null)
                        .SetProperty(c => c.ExpectedAverageOrderValue, (decimal?)null)
                        .SetProperty(c => c.RfmRecency, (int?)null)
                        .SetProperty(c => c.RfmFrequency, (int?)null)
                        .SetProperty(c => c.RfmMonetary, (int?)null)
                        .SetProperty(c => c.RfmScore, (int?)null)
                        .SetProperty(c => c.RhythmDueAt, (DateTime?)null),
                cancellationToken
            );
        await rebuildIndexes(cancellationToken);
        var changes = await refresher.RefreshStagesAsync(db, asOf, snapshot.LoyalClvThreshold, cancellationToken);
        progress?.Report(new ScoreProgress(ScorePhase.UpdatingCustomers, 1, 2));

        var keep = await db
            .ClvSnapshots.OrderByDescending(s => s.Id)
            .Select(s => s.Id)
            .Take(Math.Max(1, scoring.Value.KeepSnapshots))
            .ToListAsync(cancellationToken);
        await db.SnapshotScores.Where(s => !keep.Contains(s.SnapshotId)).ExecuteDeleteAsync(cancellationToken);
        await db.ClvSnapshots.Where(s => !keep.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(new ScoreProgress(ScorePhase.UpdatingCustomers, 2, 2));
        return changes;
    }

    /// <summary>After the commit: the new scores, straight from memory, in pipelined batches.</summary>
    private async Task<(int Cached, string? Problem)> WriteCacheAsync(
        ClvSnapshot snapshot,
        SnapshotScore[] scores,
        IProgress<ScoreProgress>? progress,
        CancellationToken cancellationToken
    )
    {
        var cached = 0;
        try
        {
            foreach (var batch in scores.Chunk(CacheBatch))
            {
                await WriteWithRetriesAsync(
                    batch.Select(s => CustomerScorer.ToCached(s, snapshot, snapshot.ComputedAt)).ToList(),
                    cancellationToken
                );
                cached += batch.Length;
                progress?.Report(new ScoreProgress(ScorePhase.Caching, cached, scores.Length));
            }
            return (cached, null);
        }
        catch (CacheUnavailableException e)
        {
            logger.LogWarning(
                e,
                "The score cache is unavailable; reads fall back to the database until scores are cached again."
            );
            return (cached, "cache unavailable: reads use the database");
        }
    }

    // A recompute is a batch job: a Redis hiccup (a slow first connection, a busy server) is worth waiting out
    // rather than leaving the whole cache cold. Waits outlast the cache's circuit break.
    private async Task WriteWithRetriesAsync(List<CustomerScore> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cache.SetManyAsync(batch, cancellationToken);
                return;
            }
            catch (CacheUnavailableException e) when (attempt < CacheWriteAttempts)
            {
                logger.LogInformation(
                    "Caching scores failed (attempt {Attempt} of {Attempts}), retrying: {Reason}",
                    attempt,
                    CacheWriteAttempts,
                    e.Message
                );
                await Task.Delay(TimeSpan.FromSeconds(1.5 * attempt), cancellationToken);
            }
        }
    }
}
