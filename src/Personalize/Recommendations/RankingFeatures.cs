namespace Personalize.Recommendations;

/// <summary>A candidate item for a customer and the features the re-ranker judges it by.</summary>
internal readonly record struct Candidate(int Item, float[] Features);

/// <summary>
/// Stage one of the re-ranker: the union of the generators' top lists, each candidate described by every generator's
/// score and rank (not only the one that proposed it), the item's popularity and age, the customer's activity and
/// recency, what the customer already did with the item, their stage and spend band.
/// </summary>
internal static class RankingFeatures
{
    public const int Count = 22;

    // Positions read back to explain a candidate.
    public const int KnnScore = 0,
        StageRank = 4,
        GlobalRank = 6,
        Consumed = 14;
    private const int RankCap = 100_000;
    private const float NeverDays = 1000;

    public static List<Candidate> For(Baselines b, int customer, RecommenderOptions o, Predicate<int>? exclude)
    {
        var m = b.Matrix;
        var who = m.Customer(customer);
        var stage = b.Stage.For(who.Stage);

        var knnScores = b.Knn.Scores(customer);
        var knnTop = TopItems.Select(
            knnScores.Where(s => s.Value > 0).Select(s => new ScoredItem(s.Key, s.Value)),
            o.KnnCandidates,
            exclude
        );
        var knnRank = knnTop.Select((s, r) => (s.Item, r)).ToDictionary(x => x.Item, x => x.r);
        var knnMax = knnTop.Count > 0 ? knnTop[0].Score : 1f;
        var history = b.History.Recommend(customer, o.HistoryCandidates, exclude);
        var historyRank = history.Select((s, r) => (s.Item, r)).ToDictionary(x => x.Item, x => x.r);
        var stageMax = MaxScore(stage);
        var globalMax = MaxScore(b.Global);

        var items = new List<int>();
        var seen = new HashSet<int>();
        foreach (
            var s in knnTop
                .Concat(stage.Top(o.StageCandidates, exclude))
                .Concat(b.Global.Top(o.GlobalCandidates, exclude))
                .Concat(history)
        )
            if (seen.Add(s.Item))
                items.Add(s.Item);

        var candidates = new List<Candidate>(items.Count);
        foreach (var item in items)
        {
            var it = m.Item(item);
            var consumed = m.TryGet(customer, item, out var pair);
            candidates.Add(
                new Candidate(
                    item,
                    [
                        knnScores.GetValueOrDefault(item),
                        knnScores.GetValueOrDefault(item) / knnMax,
                        Log(knnRank.TryGetValue(item, out var kr) ? kr : o.KnnCandidates),
                        stage.Score(item) / stageMax,
                        Log(Math.Min(stage.Rank(item), RankCap)),
                        b.Global.Score(item) / globalMax,
                        Log(Math.Min(b.Global.Rank(item), RankCap)),
                        Log(it.Customers),
                        Log(it.RecentCustomers),
                        (float)Math.Max(0, m.AgeDays(m.Log.ItemCreatedTicks[item])),
                        it.LastTicks == 0 ? NeverDays : (float)m.AgeDays(it.LastTicks),
                        Log(who.DistinctItems),
                        Log(who.SignalCount),
                        who.LastTicks == 0 ? NeverDays : (float)m.AgeDays(who.LastTicks),
                        consumed ? 1 : 0,
                        consumed ? pair.Score : 0,
                        consumed ? pair.Count : 0,
                        consumed ? (float)m.AgeDays(pair.LastTicks) : NeverDays,
                        (float)who.Stage,
                        who.SpendBand,
                        (float)m.Log.ItemKinds[item],
                        Log(historyRank.TryGetValue(item, out var hr) ? hr : o.HistoryCandidates),
                    ]
                )
            );
        }
        return candidates;
    }

    private static float MaxScore(PopularityRecommender p) => p.RankedCount > 0 ? p.Top(1)[0].Score : 1f;

    private static float Log(double x) => (float)Math.Log(1 + x);
}
