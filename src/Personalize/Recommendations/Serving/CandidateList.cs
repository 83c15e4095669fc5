namespace Personalize.Recommendations.Serving;

/// <summary>A customer's candidates, best first, and the model version that computed them.</summary>
public sealed record CandidateList(long ModelVersion, IReadOnlyList<RecommendationCandidate> Candidates);
