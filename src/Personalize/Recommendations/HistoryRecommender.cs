namespace Personalize.Recommendations;

/// <summary>The customer's own items again, strongest recency-weighted signal first: "buy it again". Returns nothing
/// new.</summary>
public sealed class HistoryRecommender(SignalMatrix matrix) : IRecommender
{
    public string Name => "history";

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null)
    {
        var items = new List<ScoredItem>();
        foreach (var p in matrix.ItemsOf(customer))
            if (p.Score > 0)
                items.Add(new ScoredItem(p.Item, p.Score));
        return TopItems.Select(items, count, exclude);
    }
}
