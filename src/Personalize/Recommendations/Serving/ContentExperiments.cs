using Personalize.Common;
using Personalize.Content;
using Personalize.Experiments;
using Personalize.Targeting;

namespace Personalize.Recommendations.Serving;

/// <summary>
/// Running content experiments over a ranked list: the items of other arms (all of them for the holdout) leave the
/// list, and the arm's item, when it may be shown in this request, comes first (as a featured item). An experiment
/// applies — and its exposure is logged, for every arm alike — when one of its items may be shown in the request.
/// </summary>
public static class ContentExperiments
{
    public static IReadOnlyList<Recommendation> Apply(
        IReadOnlyList<Recommendation> ranked,
        TreatmentPlan plan,
        RecommendationSnapshot snapshot,
        RecommendationRequest request,
        IReadOnlySet<long> dismissed,
        DateTime now,
        RecommendationOptions options,
        Action<ExperimentArm> exposed
    )
    {
        if (request.First <= 0 || plan.Withheld.Count == 0 && plan.Treatments.Count == 0)
            return ranked;
        bool Showable(long id) =>
            snapshot.Catalog.ById.TryGetValue(id, out var item)
            && Eligible(item, request, now)
            && !dismissed.Contains(id);

        foreach (var arm in plan.Arms)
            if (arm.AllTreatments.Any(Showable))
                exposed(arm);

        var treated = plan
            .Treatments.Where(Showable)
            .Order()
            .Select(id => snapshot.Catalog.ById[id])
            .Select(item => new Recommendation(
                item,
                RecommendationRanker.PinnedScore(options) + 1,
                RecommendationRanker.Reason(ReasonCode.Pinned, item, null, Common.LifecycleStage.Prospect)
            ))
            .ToList();
        return treated
            .Concat(ranked.Where(r => !plan.Withholds(r.Item.Id) && !plan.Treats(r.Item.Id)))
            .Take(request.First)
            .ToList();
    }

    private static bool Eligible(ContentItem item, RecommendationRequest request, DateTime now) =>
        item.Status == ContentStatus.Published
        && item.IsLiveAt(now)
        && item.Reaches(request.Channel)
        && (request.Kinds is null || request.Kinds.Contains(item.Kind));
}
