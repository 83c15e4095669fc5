namespace Personalize.Recommendations.Serving;

/// <summary>
/// One trained recommender, immutable once saved: which recommender validation chose and why (every candidate's
/// figures), the LightGBM re-ranker's zip when it is the one, the non-personal lists the service falls back on
/// (popularity per stage, trending), and the figures of its training. The highest id is the
/// version served; <c>recommender train</c> keeps the last few.
/// </summary>
public class RecommenderModelVersion
{
    /// <summary>The version number, increasing.</summary>
    public long Id { get; set; }
    public DateTime TrainedAt { get; set; }

    /// <summary>Signals strictly before this time were trained on.</summary>
    public DateTime AsOf { get; set; }
    public int CustomerCount { get; set; }
    public int ItemCount { get; set; }
    public int SignalCount { get; set; }

    /// <summary>Customers given a precomputed candidate list.</summary>
    public int CandidateCustomers { get; set; }
    public int TrainingGroups { get; set; }
    public int TrainingRows { get; set; }
    public int TrainingPositives { get; set; }
    public double TrainingSeconds { get; set; }

    /// <summary>Wall time of the whole training: reading, baselines, re-ranker, candidate lists, saving.</summary>
    public double TotalSeconds { get; set; }

    /// <summary>The ML.NET model zip (<see cref="RerankModel.ToBytes"/>) when the re-ranker is served; empty
    /// otherwise.</summary>
    public byte[] Model { get; set; } = [];

    /// <summary>UTF-8 JSON of <see cref="ServingLists"/>.</summary>
    public byte[] Lists { get; set; } = [];

    /// <summary>The recommender chosen by validation and served (e.g. "ease", "popularity").</summary>
    public string Selected { get; set; } = "";

    /// <summary>Why, in words: the comparison with the best simple model, or the minimum that was not met.</summary>
    public string SelectionReason { get; set; } = "";

    /// <summary>UTF-8 JSON of <see cref="ModelSelection"/>: every candidate's validation figures.</summary>
    public byte[] Selection { get; set; } = [];
}

/// <summary>A customer's precomputed candidates (<see cref="CandidateCodec"/> bytes) from the model version that wrote
/// them.</summary>
public class CustomerCandidates
{
    public long CustomerId { get; set; }
    public long ModelVersion { get; set; }
    public byte[] Candidates { get; set; } = [];
}
