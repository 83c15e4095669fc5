namespace Personalize.Recommendations;

/// <summary>
/// Top-k metrics of one ranked list against the set of relevant items (binary relevance). HR: 1 when any of the top k
/// is relevant. Recall: relevant items in the top k / all relevant items. NDCG: DCG with gain 1/log2(rank + 1) over the
/// ideal DCG of min(|relevant|, k) hits. AP: sum of precision@i at each hit i ≤ k, over min(|relevant|, k).
/// </summary>
public static class RankingMetrics
{
    public static double HitRate(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k) =>
        ranked.Take(k).Any(relevant.Contains) ? 1 : 0;

    public static double Recall(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k) =>
        relevant.Count == 0 ? 0 : (double)ranked.Take(k).Count(relevant.Contains) / relevant.Count;

    public static double Ndcg(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        if (relevant.Count == 0)
            return 0;
        double dcg = 0,
            ideal = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (relevant.Contains(ranked[i]))
                dcg += Gain(i);
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
            ideal += Gain(i);
        return dcg / ideal;
    }

    public static double AveragePrecision(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        if (relevant.Count == 0)
            return 0;
        double sum = 0;
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (relevant.Contains(ranked[i]))
                sum += (double)++hits / (i + 1);
        return sum / Math.Min(k, relevant.Count);
    }

    /// <summary>The share of the catalog that appears in at least one list.</summary>
    public static double Coverage(IEnumerable<IReadOnlyList<int>> lists, int catalogSize) =>
        catalogSize == 0 ? 0 : (double)lists.SelectMany(l => l).Distinct().Count() / catalogSize;

    private static double Gain(int zeroBasedRank) => 1 / Math.Log2(zeroBasedRank + 2);
}
