namespace Personalize.Recommendations;

/// <summary>An item (an index of the <see cref="SignalMatrix"/> the recommender was built on) and how strongly it is recommended.</summary>
public readonly record struct ScoredItem(int Item, float Score);

/// <summary>Ranks items for a customer. Implementations are immutable once built, so calls may run on many threads.</summary>
public interface IRecommender
{
    /// <summary>A short stable name, e.g. "item-knn".</summary>
    string Name { get; }

    /// <param name="customer">A customer index of the matrix the recommender was built on.</param>
    /// <param name="count">At most this many items, best first.</param>
    /// <param name="exclude">Items never to return (e.g. already consumed and not repeatable).</param>
    IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null);
}

internal static class TopItems
{
    /// <summary>The best <paramref name="count"/> by score, ties by item index so that results never depend on the input order.</summary>
    public static List<ScoredItem> Select(IEnumerable<ScoredItem> items, int count, Predicate<int>? exclude)
    {
        var kept = exclude is null ? items.ToList() : items.Where(i => !exclude(i.Item)).ToList();
        kept.Sort(BestFirst);
        if (kept.Count > count) kept.RemoveRange(count, kept.Count - count);
        return kept;
    }

    public static int BestFirst(ScoredItem a, ScoredItem b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item);

    /// <summary>
    /// The best personal items, then (when fewer than <paramref name="count"/>) the most popular items not already
    /// listed, scored below the last personal one so the order is kept.
    /// </summary>
    public static List<ScoredItem> WithFill(IEnumerable<ScoredItem> personal, PopularityRecommender fill, int count, Predicate<int>? exclude)
    {
        var result = Select(personal, count, exclude);
        if (result.Count >= count) return result;
        var taken = result.Select(r => r.Item).ToHashSet();
        var floor = result.Count == 0 ? 1f : result[^1].Score;
        result.AddRange(fill.Top(count - result.Count, exclude, taken).Select((p, n) => new ScoredItem(p.Item, floor / (n + 2))));
        return result;
    }
}
