namespace Personalize.Recommendations;

/// <summary>
/// Bestsellers: each customer who took an item counts once, weighted by the recency of their last signal on it, so
/// wholesale quantities do not dominate and last season's hits fade. Optionally over a subset of the customers.
/// </summary>
public sealed class PopularityRecommender : IRecommender
{
    private readonly float[] _scores;
    private readonly int[] _ranked;
    private readonly int[] _rank;

    public PopularityRecommender(SignalMatrix matrix, Predicate<int>? customers = null, string name = "popularity")
    {
        Name = name;
        _scores = new float[matrix.ItemCount];
        for (var c = 0; c < matrix.CustomerCount; c++)
        {
            if (customers is not null && !customers(c))
                continue;
            foreach (var p in matrix.ItemsOf(c))
                if (p.Score > 0)
                    _scores[p.Item] += (float)matrix.Weights.Decay(matrix.AgeDays(p.LastTicks));
        }
        var ranked = Enumerable
            .Range(0, _scores.Length)
            .Where(i => _scores[i] > 0)
            .Select(i => new ScoredItem(i, _scores[i]))
            .ToList();
        ranked.Sort(TopItems.BestFirst);
        _ranked = ranked.Select(r => r.Item).ToArray();
        _rank = Enumerable.Repeat(int.MaxValue, _scores.Length).ToArray();
        for (var r = 0; r < _ranked.Length; r++)
            _rank[_ranked[r]] = r;
    }

    public string Name { get; }
    public int RankedCount => _ranked.Length;

    public float Score(int item) => _scores[item];

    /// <summary>0 for the most popular item; int.MaxValue for an item nobody took.</summary>
    public int Rank(int item) => _rank[item];

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null) =>
        Top(count, exclude);

    public List<ScoredItem> Top(int count, Predicate<int>? exclude = null, ISet<int>? skip = null)
    {
        var result = new List<ScoredItem>(count);
        foreach (var item in _ranked)
        {
            if (result.Count == count)
                break;
            if (exclude?.Invoke(item) == true || skip?.Contains(item) == true)
                continue;
            result.Add(new ScoredItem(item, _scores[item]));
        }
        return result;
    }
}
