using System.Text.Json;
using System.Text.Json.Serialization;
using Personalize.Common;
using Personalize.Lifetime;
using Personalize.Lifetime.Selection;

namespace Personalize.Scores;

/// <summary>One run of `scores recompute`: the fitted models, as of a date. Its per-customer scores are <see
/// cref="SnapshotScore"/> rows.</summary>
public class ClvSnapshot
{
    public long Id { get; set; }
    public DateTime AsOf { get; set; }
    public DateTime ComputedAt { get; set; }
    public ClvTimeUnit TimeUnit { get; set; }
    public int CustomerCount { get; set; }
    public int RepeatCustomerCount { get; set; }

    /// <summary>The purchase model in use, fitted on the whole history up to the as-of date.</summary>
    public PurchaseModelKind PurchaseModel { get; set; }

    /// <summary>Its parameters, as <see cref="PurchaseModelParameters.Serialize"/> writes them.</summary>
    public string PurchaseParameters { get; set; } = "";
    public double PurchaseLogLikelihood { get; set; }

    /// <summary>Set when the fit lies on a bound of the search: usable, but some parameter is not identified (e.g.
    /// nobody drops out).</summary>
    public string? PurchaseBoundNote { get; set; }
    public SelectionRule SelectionRule { get; set; }

    /// <summary>Why the model in use was chosen, in a sentence.</summary>
    public string SelectionReason { get; set; } = "";

    /// <summary>The days before the as-of date held out for the back-test.</summary>
    public int HoldoutDays { get; set; }

    /// <summary>Every candidate's figures (JSON list of <see cref="PurchaseModelCandidate"/>).</summary>
    public string Candidates { get; set; } = "[]";

    /// <summary>Null when too few repeat customers to fit Gamma-Gamma; expected spend is then the customer's own
    /// average.</summary>
    public double? P { get; set; }
    public double? Q { get; set; }
    public double? Gamma { get; set; }
    public double? GammaGammaLogLikelihood { get; set; }
    public int GammaGammaCustomerCount { get; set; }

    /// <summary>Pearson correlation of repeat frequency and mean spend, which Gamma-Gamma assumes to be zero.</summary>
    public double? SpendFrequencyCorrelation { get; set; }
    public int HorizonMonths { get; set; }
    public double AnnualDiscountRate { get; set; }

    /// <summary>Predicted CLV from which an active customer is LOYAL (the top band).</summary>
    public decimal LoyalClvThreshold { get; set; }

    /// <summary>RFM quintile boundaries: the lowest value reaching scores 2..5, comma-separated, per
    /// dimension.</summary>
    public string RfmBoundaries { get; set; } = "";
    public double DurationSeconds { get; set; }

    private IPurchaseModel? _purchaseModel;
    private IReadOnlyList<PurchaseModelCandidate>? _candidates;

    public IPurchaseModel PurchaseModelInUse() =>
        _purchaseModel ??= PurchaseModelParameters.Parse(PurchaseModel, PurchaseParameters).CreateModel();

    public IReadOnlyList<PurchaseModelCandidate> CandidateList() =>
        _candidates ??= JsonSerializer.Deserialize<List<PurchaseModelCandidate>>(Candidates, CandidateJson) ?? [];

    public static string SerializeCandidates(IReadOnlyList<PurchaseModelCandidate> candidates) =>
        JsonSerializer.Serialize(candidates, CandidateJson);

    private static readonly JsonSerializerOptions CandidateJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public GammaGammaModel? SpendModel() =>
        P is { } p && Q is { } q && Gamma is { } g ? new(new GammaGammaParameters(p, q, g)) : null;
}

/// <summary>A customer's scores as one snapshot computed them (kept for back-testing and history).</summary>
public class SnapshotScore
{
    public long SnapshotId { get; set; }
    public long CustomerId { get; set; }
    public int RepeatPurchases { get; set; }
    public double RecencyPeriods { get; set; }
    public double AgePeriods { get; set; }
    public decimal MonetaryValue { get; set; }
    public double ProbabilityAlive { get; set; }
    public double ExpectedPurchases { get; set; }
    public decimal PredictedClv { get; set; }
    public decimal HistoricalClv { get; set; }
    public decimal AverageOrderValue { get; set; }
    public decimal ExpectedAverageOrderValue { get; set; }
    public int RfmRecency { get; set; }
    public int RfmFrequency { get; set; }
    public int RfmMonetary { get; set; }
    public DateTime? RhythmDueAt { get; set; }

    /// <summary>The stage the snapshot put the customer in.</summary>
    public Common.LifecycleStage Stage { get; set; }
}
