using Personalize.Recommendations;

namespace Personalize.Tests.Recommendations;

public sealed class RankingMetricsTests
{
    private static readonly int[] Ranked = [1, 2, 3, 4];
    private static readonly HashSet<int> Relevant = [2, 4, 9];

    [Fact]
    public void Hits_at_ranks_two_and_four_of_three_relevant_items()
    {
        Assert.Equal(1, RankingMetrics.HitRate(Ranked, Relevant, 4));
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Ranked, Relevant, 4), 10);
        // (1/log2 3 + 1/log2 5) / (1 + 1/log2 3 + 1/log2 4)
        Assert.Equal(0.4981892575, RankingMetrics.Ndcg(Ranked, Relevant, 4), 8);
        // (1/2 + 2/4) / min(3, 4)
        Assert.Equal(1.0 / 3, RankingMetrics.AveragePrecision(Ranked, Relevant, 4), 10);
    }

    [Fact]
    public void Only_the_top_k_count()
    {
        Assert.Equal(1, RankingMetrics.HitRate(Ranked, Relevant, 2));
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(Ranked, Relevant, 2), 10);
        // (1/log2 3) / (1 + 1/log2 3)
        Assert.Equal(0.3868528072, RankingMetrics.Ndcg(Ranked, Relevant, 2), 8);
        // (1/2) / min(3, 2)
        Assert.Equal(0.25, RankingMetrics.AveragePrecision(Ranked, Relevant, 2), 10);
        Assert.Equal(0, RankingMetrics.HitRate(Ranked, Relevant, 1));
    }

    [Fact]
    public void A_perfect_list_scores_one_and_a_list_without_hits_zero()
    {
        int[] perfect = [9, 4, 2, 7];
        Assert.Equal(
            (1.0, 1.0, 1.0, 1.0),
            (
                RankingMetrics.HitRate(perfect, Relevant, 4),
                RankingMetrics.Recall(perfect, Relevant, 4),
                Math.Round(RankingMetrics.Ndcg(perfect, Relevant, 4), 12),
                RankingMetrics.AveragePrecision(perfect, Relevant, 4)
            )
        );
        int[] misses = [5, 6, 7];
        Assert.Equal(
            (0.0, 0.0, 0.0, 0.0),
            (
                RankingMetrics.HitRate(misses, Relevant, 3),
                RankingMetrics.Recall(misses, Relevant, 3),
                RankingMetrics.Ndcg(misses, Relevant, 3),
                RankingMetrics.AveragePrecision(misses, Relevant, 3)
            )
        );
    }

    [Fact]
    public void Coverage_is_the_share_of_the_catalog_recommended_at_least_once()
    {
        IReadOnlyList<int>[] lists =
        [
            [1, 2],
            [2, 3],
            [],
        ];
        Assert.Equal(0.5, RankingMetrics.Coverage(lists, catalogSize: 6), 10);
    }
}
