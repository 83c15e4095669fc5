namespace Personalize.Recommendations;

/// <summary>The model: candidates from item kNN, stage and global popularity and the customer's history, re-ranked by
/// <see cref="RerankModel"/>.</summary>
public sealed class RerankRecommender(Baselines baselines, RerankModel model, RecommenderOptions options) : IRecommender
{
    public string Name => "lightgbm-rerank";

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null) =>
        TopItems.Select(
            RankingFeatures
                .For(baselines, customer, options, exclude)
                .Select(c => new ScoredItem(c.Item, model.Score(c.Features))),
            count,
            exclude: null
        );
}
