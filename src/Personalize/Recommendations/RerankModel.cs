using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Personalize.Lifecycle;

namespace Personalize.Recommendations;

/// <summary>What the re-ranker was trained on: <see cref="Windows"/> successive label windows, the last ending at <see cref="LabelsUntil"/>.</summary>
public sealed record RerankTraining(DateTime FirstFeaturesUntil, DateTime LabelsUntil, int Windows, int Groups, int Rows, int Positives, TimeSpan Elapsed);

/// <summary>
/// Stage two of the re-ranker: a LightGBM LambdaRank model over <see cref="RankingFeatures"/>, one query group per
/// customer and label window. Trained without leakage: in each window, features from the signals before it and labels =
/// the items each customer took in it; the last window ends at the cut-off. Scoring is thread-safe: one PredictionEngine per thread.
/// </summary>
public sealed class RerankModel : IDisposable
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly ThreadLocal<PredictionEngine<RankingRow, RankingScore>> _engines;

    private RerankModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, RerankTraining training)
    {
        (_ml, _model, _inputSchema, Training) = (ml, model, inputSchema, training);
        _engines = new(() =>
        {
            lock (_ml) return _ml.Model.CreatePredictionEngine<RankingRow, RankingScore>(_model);
        }, trackAllValues: true);
    }

    public RerankTraining Training { get; }

    /// <param name="log">Must hold every signal before <paramref name="cutoff"/>.</param>
    /// <remarks>
    /// Labels are every item taken in the window, repeats included, whatever exclusion rule serving applies: on Online
    /// Retail that trained a better model even for the "new items only" protocol (NDCG@10 0.090 against 0.081 when
    /// trained under that protocol's own exclusion), since repeats teach which items a customer keeps coming back to.
    /// </remarks>
    public static RerankModel Train(SignalLog log, DateTime cutoff, RecommenderOptions options, LifecycleClassifier? classifier = null,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var groups = new List<RankingRow[]>();
        for (var w = 0; w < options.TrainingWindows; w++)
        {
            var labelsUntil = cutoff.AddDays(-w * options.LabelWindowDays);
            groups.AddRange(Groups(log, labelsUntil.AddDays(-options.LabelWindowDays), labelsUntil, (uint)(w * log.CustomerCount),
                options, classifier, cancellationToken));
        }
        var training = groups.SelectMany(g => g).ToList();
        var firstFeaturesUntil = cutoff.AddDays(-options.TrainingWindows * options.LabelWindowDays);
        if (training.Count == 0)
            throw new InvalidOperationException($"No customer took a candidate item between {firstFeaturesUntil:yyyy-MM-dd} and {cutoff:yyyy-MM-dd}: nothing to train the re-ranker on.");

        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(training);
        var keyed = ml.Transforms.Conversion.MapValueToKey(nameof(RankingRow.GroupId)).Fit(data).Transform(data);
        var trainer = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
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
        });
        var model = trainer.Fit(keyed);
        return new RerankModel(ml, model, data.Schema, new RerankTraining(firstFeaturesUntil, cutoff, options.TrainingWindows, groups.Count, training.Count,
            training.Count(r => r.Label > 0), stopwatch.Elapsed));
    }

    /// <summary>One query group per sampled customer who took something in [featuresUntil, labelsUntil) and has signals before it.</summary>
    private static IEnumerable<RankingRow[]> Groups(SignalLog log, DateTime featuresUntil, DateTime labelsUntil, uint groupOffset,
        RecommenderOptions options, LifecycleClassifier? classifier, CancellationToken cancellationToken)
    {
        var baselines = new Baselines(new SignalMatrix(log, featuresUntil, options.Weights, classifier), options);
        var labels = log.PositiveItemsBetween(featuresUntil, labelsUntil);
        var customers = labels.Keys.Where(c => baselines.Matrix.ItemsOf(c).Length > 0).Order().ToArray();
        new Random(options.Seed).Shuffle(customers);
        customers = customers.Take(options.MaxTrainingCustomers).Order().ToArray();

        var groups = new RankingRow[customers.Length][];
        Parallel.For(0, customers.Length, new ParallelOptions { CancellationToken = cancellationToken }, g =>
        {
            var c = customers[g];
            var rows = RankingFeatures.For(baselines, c, options, exclude: null)
                .Select(x => new RankingRow { Label = labels[c].Contains(x.Item) ? 1 : 0, GroupId = groupOffset + (uint)c, Features = x.Features })
                .ToArray();
            groups[g] = rows.Any(r => r.Label > 0) ? rows : []; // a group without a positive teaches LambdaRank nothing
        });
        return groups.Where(g => g.Length > 0);
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

    internal float Score(float[] features) => _engines.Value!.Predict(new RankingRow { Features = features }).Score;

    public void Dispose()
    {
        foreach (var engine in _engines.Values) engine.Dispose();
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
