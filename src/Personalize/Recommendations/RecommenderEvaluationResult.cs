using System.Globalization;

namespace Personalize.Recommendations;

/// <summary>One recommender's mean metrics @K over the evaluated customers, and the catalog share its lists
/// cover.</summary>
public sealed record RecommenderScore(
    string Recommender,
    double HitRate,
    double Ndcg,
    double Recall,
    double Map,
    double Coverage,
    TimeSpan Elapsed
);

/// <summary>Every recommender under one exclusion rule.</summary>
public sealed record EvaluationProtocol(
    string Name,
    string Description,
    int Customers,
    int RelevantItems,
    IReadOnlyList<RecommenderScore> Scores
)
{
    public RecommenderScore Score(string recommender) => Scores.Single(s => s.Recommender == recommender);

    /// <summary>The relative NDCG gain of one recommender over another, e.g. 0.35 for +35%.</summary>
    public double NdcgLift(string recommender, string over) =>
        Score(over).Ndcg == 0 ? double.PositiveInfinity : Score(recommender).Ndcg / Score(over).Ndcg - 1;
}

public sealed record RecommenderEvaluationResult(
    RecommenderEvaluationOptions Options,
    int SignalsBeforeCutoff,
    int CatalogItems,
    RerankTraining Training,
    TimeSpan BaselinesElapsed,
    IReadOnlyList<EvaluationProtocol> Protocols,
    TimeSpan Elapsed
)
{
    public const string Model = "lightgbm-rerank";

    /// <summary>What <c>recommender train --as-of</c> the cut-off would serve, judged on the window before the
    /// cut-off.</summary>
    public SelectionReport? Selection { get; init; }

    /// <summary>The one-line summary the command line ends with.</summary>
    public override string ToString()
    {
        var p = Protocols[0];
        var served =
            Selection is { } s && p.Scores.Any(x => x.Recommender == s.Selected)
                ? F(
                    $" (NDCG@{Options.K} {p.Score(s.Selected).Ndcg:0.0000}, {p.NdcgLift(s.Selected, "popularity"):+0.0%;-0.0%} over popularity)"
                )
                : "";
        return F(
                $"Evaluated {p.Scores.Count} recommenders on {p.Customers:N0} customers, cut-off {Options.Cutoff:yyyy-MM-dd}, {Options.WindowDays}-day window ({p.Name}): "
            )
            + F(
                $"{Model} NDCG@{Options.K} {p.Score(Model).Ndcg:0.0000}, {p.NdcgLift(Model, "popularity"):+0.0%;-0.0%} over popularity, "
            )
            + F(
                $"{p.NdcgLift(Model, "item-knn"):+0.0%;-0.0%} over item-knn; training would serve {Selection?.Selected ?? "?"}{served}"
            )
            + F($"; re-ranker trained in {Training.Elapsed.TotalSeconds:0.0} s, all in {Elapsed.TotalSeconds:0.0} s");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public enum RecommenderEvaluationStage
{
    ReadingSignals,
    BuildingBaselines,
    TrainingReranker,
    Selecting,
    Evaluating,
}

/// <summary>Where an evaluation is; while evaluating, which recommender and how many customers are done.</summary>
public sealed record RecommenderEvaluationProgress(
    RecommenderEvaluationStage Stage,
    long Done,
    string? Recommender = null
);
