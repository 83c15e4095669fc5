namespace Personalize.Recommendations;

/// <summary>Settings of the baselines and of the two-stage re-ranker (candidates, then LightGBM LambdaRank).</summary>
public sealed record RecommenderOptions
{
    public static readonly RecommenderOptions Default = new();

    public SignalWeights Weights { get; init; } = SignalWeights.Default;

    /// <summary>Neighbours kept per item by item kNN.</summary>
    public int KnnNeighbours { get; init; } = 50;

    // Candidates per customer: the union of each generator's top list (~100-250 items).
    public int KnnCandidates { get; init; } = 100;
    public int StageCandidates { get; init; } = 50;
    public int GlobalCandidates { get; init; } = 50;
    public int HistoryCandidates { get; init; } = 50;

    /// <summary>The re-ranker learns from features as of the start of a window of this many days and labels from the
    /// window; the last window ends at the cut-off.</summary>
    public int LabelWindowDays { get; init; } = 30;

    /// <summary>Successive label windows trained on (more examples, several seasons' worth of "what comes
    /// next").</summary>
    public int TrainingWindows { get; init; } = 3;

    /// <summary>Customers (query groups) sampled per window for training, deterministically.</summary>
    public int MaxTrainingCustomers { get; init; } = 4000;
    public int Iterations { get; init; } = 150;
    public int Leaves { get; init; } = 31;
    public double LearningRate { get; init; } = 0.05;
    public int MinExamplesPerLeaf { get; init; } = 50;
    public int Seed { get; init; } = 42;

    /// <summary>LightGBM threads; 1 makes training bit-for-bit repeatable.</summary>
    public int Threads { get; init; } = 1;
}
