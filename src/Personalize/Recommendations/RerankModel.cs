using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Personalize.Lifecycle;

namespace Personalize.Recommendations;

/// <summary>What the re-ranker was trained on: <see cref="Windows"/> successive label windows, the last ending at <see
/// cref="LabelsUntil"/>.</summary>
public sealed record RerankTraining(
    DateTime FirstFeaturesUntil,
    DateTime LabelsUntil,
    int Windows,
    int Groups,
    int Rows,
    int Positives,
    TimeSpan Elapsed
);

/// <summary>
/// Stage two of the re-ranker: a LightGBM LambdaRank model over <see cref="RankingFeatures"/>, one query group per
/// customer and label window. Trained without leakage: in each window, features from the signals before it and labels =
/// the items each customer took in it; the last window ends at the cut-off. Scoring is thread-safe: one
/// PredictionEngine per thread.
/// </summary>
public sealed class RerankModel : IDisposable
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly ThreadLocal<PredictionEngine<RankingRow, RankingScore>> _engines;
    private readonly TreeScorer? _trees;

    private RerankModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, RerankTraining training)
    {
        (_ml, _model, _inputSchema, Training) = (ml, model, inputSchema, training);
        _trees = TreeScorer.From(model);
        _engines = new(
            () =>
            {
                lock (_ml)
                    return _ml.Model.CreatePredictionEngine<RankingRow, RankingScore>(_model);
            },
            trackAllValues: true
        );
    }

    public RerankTraining Training { get; }

    /// <param name="log">Must hold every signal before <paramref name="cutoff"/>.</param>
    /// <remarks>
    /// Labels are every item taken in the window, repeats included, whatever exclusion rule serving applies: on Online
    /// Retail that trained a better model even for the "new items only" protocol (NDCG@10 0.090 against 0.081 when
    /// trained under that protocol's own exclusion), since repeats teach which items a customer keeps coming back to.
    /// </remarks>
    /// <param name="windows">Label windows already computed for the same log and options (and where to keep the new ones);
    /// the model itself when it was started ahead (<see cref="RerankWindows.Prefit"/>).</param>
    public static RerankModel Train(
        SignalLog log,
        DateTime cutoff,
        RecommenderOptions options,
        LifecycleClassifier? classifier = null,
        CancellationToken cancellationToken = default,
        RerankWindows? windows = null
    )
    {
        if (windows is null || !windows.Serves(log, options))
            windows = new RerankWindows(log, options, classifier);
        return windows.TakeFitted(cutoff) ?? Fit(log, cutoff, options, windows, cancellationToken);
    }

    internal static RerankModel Fit(
        SignalLog log,
        DateTime cutoff,
        RecommenderOptions options,
        RerankWindows windows,
        CancellationToken cancellationToken
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var groups = new List<RankingRow[]>();
        for (var w = 0; w < options.TrainingWindows; w++)
        {
            var labelsUntil = cutoff.AddDays(-w * options.LabelWindowDays);
            var offset = (uint)(w * log.CustomerCount);
            groups.AddRange(
                windows
                    .Groups(labelsUntil.AddDays(-options.LabelWindowDays), labelsUntil, cancellationToken)
                    .Select(g =>
                        g.Select(r => new RankingRow
                            {
                                Label = r.Label,
                                GroupId = offset + r.GroupId,
                                Features = r.Features,
                            })
                            .ToArray()
                    )
            );
        }
        var training = groups.SelectMany(g => g).ToList();
        var firstFeaturesUntil = cutoff.AddDays(-options.TrainingWindows * options.LabelWindowDays);
        if (training.Count == 0)
            throw new InvalidOperationException(
                "No customer took a candidate item between "
                    + $"{firstFeaturesUntil:yyyy-MM-dd} and {cutoff:yyyy-MM-dd}: nothing to train the re-ranker on."
            );

        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(training);
        var keyed = ml.Transforms.Conversion.MapValueToKey(nameof(RankingRow.GroupId)).Fit(data).Transform(data);
        var trainer = ml.Ranking.Trainers.LightGbm(
            new LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(RankingRow.Label),
                FeatureColumnName = nameof(RankingRow.Features),
                RowGroupColumnName = nameof(RankingRow.GroupId),
                NumberOfIterations = options.Iterations,
                NumberOfLeaves = options.Leaves,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
                NumberOfThreads = options.Threads,
                Seed = options.Seed,
            }
        );
        var model = trainer.Fit(keyed);
        return new RerankModel(
            ml,
            model,
            data.Schema,
            new RerankTraining(
                firstFeaturesUntil,
                cutoff,
                options.TrainingWindows,
                groups.Count,
                training.Count,
                training.Count(r => r.Label > 0),
                stopwatch.Elapsed
            )
        );
    }

    /// <summary>The model as an ML.NET zip, to be stored with its version.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _inputSchema, stream);
        return stream.ToArray();
    }

    /// <summary>A model saved by <see cref="ToBytes"/>; it scores exactly as the one saved.</summary>
    public static RerankModel FromBytes(byte[] bytes, RerankTraining training, int seed = 42)
    {
        var ml = new MLContext(seed);
        using var stream = new MemoryStream(bytes);
        var model = ml.Model.Load(stream, out var schema);
        return new RerankModel(ml, model, schema, training);
    }

    /// <summary>The model's score for one candidate's features (<see cref="RankingFeatures"/>); thread-safe.</summary>
    public float Score(float[] features) => _trees?.Score(features) ?? EngineScore(features);

    /// <summary>The same score through ML.NET's PredictionEngine (one per thread).</summary>
    public float EngineScore(float[] features) => _engines.Value!.Predict(new RankingRow { Features = features }).Score;

    public void Dispose()
    {
        foreach (var engine in _engines.Values)
            engine.Dispose();
        _engines.Dispose();
    }

    internal sealed class RankingRow
    {
        public float Label { get; set; }
        public uint GroupId { get; set; }

        [VectorType(RankingFeatures.Count)]
        public float[] Features { get; set; } = [];
    }

    internal sealed class RankingScore
    {
        public float Score { get; set; }
    }
}
