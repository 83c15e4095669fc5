using System.Collections.Concurrent;
using Personalize.Lifecycle;

namespace Personalize.Recommendations;

/// <summary>
/// The re-ranker's query groups per label window over one log, computed once and shared by every training that needs
/// the window: the selection trains before its validation window and the refit after it, so the two share all windows
/// but one, and the evaluation likewise. Baselines already built for a date (the selection's own) are used for the
/// window whose features end there instead of being built again.
/// </summary>
public sealed class RerankWindows(SignalLog log, RecommenderOptions options, LifecycleClassifier? classifier)
    : IDisposable
{
    private readonly ConcurrentDictionary<(DateTime, DateTime), Lazy<RerankModel.RankingRow[][]>> _groups = new();
    private readonly ConcurrentDictionary<DateTime, Baselines> _baselines = new();
    private readonly ConcurrentDictionary<DateTime, Task<RerankModel?>> _fitted = new();
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>
    /// Starts training the model whose labels end at <paramref name="cutoff"/> on a thread of its own (LightGBM uses
    /// one), so that it runs beside other work; <see cref="RerankModel.Train"/> for that cut-off then takes it. Its
    /// windows are computed first, and with fewer than <paramref name="minGroups"/> query groups it is not trained (a
    /// re-ranker on so little does not compete). A model nobody takes is cancelled and disposed with this object.
    /// </summary>
    public void Prefit(DateTime cutoff, int minGroups, CancellationToken cancellationToken)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token).Token;
        _fitted.GetOrAdd(cutoff, c => Task.Factory.StartNew(
                () =>
                {
                    var groups = Enumerable
                        .Range(0, options.TrainingWindows)
                        .Sum(w =>
                            Groups(
                                c.AddDays(-(w + 1) * options.LabelWindowDays),
                                c.AddDays(-w * options.LabelWindowDays),
                                linked
                            ).Length
                        );
                    return groups < minGroups ? null : RerankModel.Fit(log, c, options, this, linked);
                },
                linked,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default
            ));
    }

    /// <summary>The model started for <paramref name="cutoff"/>, once it is trained (the caller owns it), or null when
    /// none was.</summary>
    internal RerankModel? TakeFitted(DateTime cutoff) =>
        _fitted.TryRemove(cutoff, out var task) ? task.GetAwaiter().GetResult() : null;

    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var task in _fitted.Values)
            task.ContinueWith(
                t => t.Result?.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default
            );
        _fitted.Clear();
    }

    internal bool Serves(SignalLog other, RecommenderOptions otherOptions) =>
        ReferenceEquals(other, log) && otherOptions == options;

    /// <summary>Baselines built on the same log and options, to be used for a window whose features end at their
    /// date.</summary>
    public void Add(Baselines baselines)
    {
        if (ReferenceEquals(baselines.Matrix.Log, log))
            _baselines.TryAdd(baselines.Matrix.Until, baselines);
    }

    /// <summary>
    /// One query group per sampled customer who took something in [featuresUntil, labelsUntil) and has signals before
    /// it; the group id is the customer's index.
    /// </summary>
    internal RerankModel.RankingRow[][] Groups(
        DateTime featuresUntil,
        DateTime labelsUntil,
        CancellationToken cancellationToken
    ) =>
        _groups
            .GetOrAdd((featuresUntil, labelsUntil), _ =>
                new(() => Compute(featuresUntil, labelsUntil, cancellationToken))
            )
            .Value;

    private RerankModel.RankingRow[][] Compute(
        DateTime featuresUntil,
        DateTime labelsUntil,
        CancellationToken cancellationToken
    )
    {
        var baselines = _baselines.TryGetValue(featuresUntil, out var known)
            ? known
            : new Baselines(new SignalMatrix(log, featuresUntil, options.Weights, classifier), options);
        var labels = log.PositiveItemsBetween(featuresUntil, labelsUntil);
        var customers = labels.Keys.Where(c => baselines.Matrix.ItemsOf(c).Length > 0).Order().ToArray();
        new Random(options.Seed).Shuffle(customers);
        customers = customers.Take(options.MaxTrainingCustomers).Order().ToArray();

        var groups = new RerankModel.RankingRow[customers.Length][];
        Parallel.For(0, customers.Length, new ParallelOptions { CancellationToken = cancellationToken }, g =>
        {
            var c = customers[g];
            var rows = RankingFeatures
                .For(baselines, c, options, exclude: null)
                .Select(x => new RerankModel.RankingRow
                {
                    Label = labels[c].Contains(x.Item) ? 1 : 0,
                    GroupId = (uint)c,
                    Features = x.Features,
                })
                .ToArray();
            groups[g] = rows.Any(r => r.Label > 0) ? rows : []; // a group without a positive teaches LambdaRank nothing
        });
        return groups.Where(g => g.Length > 0).ToArray();
    }
}
