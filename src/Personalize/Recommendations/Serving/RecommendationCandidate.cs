namespace Personalize.Recommendations.Serving;

/// <summary>A precomputed candidate: the item, the re-ranker's score and why it came up (with the item behind it, if
/// any).</summary>
public readonly record struct RecommendationCandidate(
    long ItemId,
    float Score,
    ReasonCode Reason,
    long RelatedItemId = 0
);
