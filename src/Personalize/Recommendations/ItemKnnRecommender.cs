namespace Personalize.Recommendations;

/// <summary>
/// Item-to-item co-occurrence: cosine similarity of items' binary customer vectors (customers with a positive score),
/// the top <see cref="Neighbours"/> per item precomputed. A customer's score for item j sums, over the items i they
/// took, sim(i, j) × ln(1 + |their score on i|) (negative when i was dismissed).
/// </summary>
public sealed class ItemKnnRecommender : IRecommender
{
    private readonly SignalMatrix _matrix;
    private readonly int[] _start;
    private readonly int[] _neighbour;
    private readonly float[] _similarity;

    public ItemKnnRecommender(SignalMatrix matrix, int neighbours = 50)
    {
        _matrix = matrix;
        Neighbours = neighbours;
        var items = matrix.ItemCount;
        var lists = new (int Item, float Similarity)[items][];
        Parallel.For(
            0,
            items,
            () => new Accumulator(items),
            (i, _, acc) =>
            {
                lists[i] = NeighboursOf(i, acc);
                return acc;
            },
            _ => { }
        );
        _start = new int[items + 1];
        for (var i = 0; i < items; i++)
            _start[i + 1] = _start[i] + lists[i].Length;
        _neighbour = lists.SelectMany(l => l.Select(n => n.Item)).ToArray();
        _similarity = lists.SelectMany(l => l.Select(n => n.Similarity)).ToArray();
    }

    public string Name => "item-knn";
    public int Neighbours { get; }

    /// <summary>The item's nearest neighbours, most similar first.</summary>
    public IReadOnlyList<ScoredItem> NeighboursOf(int item) =>
        Enumerable
            .Range(_start[item], _start[item + 1] - _start[item])
            .Select(k => new ScoredItem(_neighbour[k], _similarity[k]))
            .ToList();

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null) =>
        TopItems.Select(
            Scores(customer).Select(s => new ScoredItem(s.Key, s.Value)).Where(s => s.Score > 0),
            count,
            exclude
        );

    /// <summary>Every item reachable from the customer's items, with its score.</summary>
    public Dictionary<int, float> Scores(int customer)
    {
        var scores = new Dictionary<int, float>();
        foreach (var p in _matrix.ItemsOf(customer))
        {
            var weight = MathF.CopySign(MathF.Log(1 + MathF.Abs(p.Score)), p.Score);
            for (var k = _start[p.Item]; k < _start[p.Item + 1]; k++)
                scores[_neighbour[k]] = scores.GetValueOrDefault(_neighbour[k]) + weight * _similarity[k];
        }
        return scores;
    }

    /// <summary>For each item reachable from the customer's positive items, the one of them that contributes most to
    /// its score.</summary>
    public Dictionary<int, int> StrongestLinks(int customer)
    {
        var best = new Dictionary<int, (int From, float Strength)>();
        foreach (var p in _matrix.ItemsOf(customer))
        {
            if (p.Score <= 0)
                continue;
            var weight = MathF.Log(1 + p.Score);
            for (var k = _start[p.Item]; k < _start[p.Item + 1]; k++)
            {
                var strength = weight * _similarity[k];
                if (!best.TryGetValue(_neighbour[k], out var b) || strength > b.Strength)
                    best[_neighbour[k]] = (p.Item, strength);
            }
        }
        return best.ToDictionary(b => b.Key, b => b.Value.From);
    }

    private (int, float)[] NeighboursOf(int item, Accumulator acc)
    {
        var customers = _matrix.CustomersOf(item);
        if (customers.Length == 0)
            return [];
        foreach (var c in customers)
        foreach (var p in _matrix.ItemsOf(c))
            if (p.Score > 0 && p.Item != item)
                acc.Add(p.Item);
        var result = new List<ScoredItem>(acc.Touched.Count);
        foreach (var j in acc.Touched)
            result.Add(
                new ScoredItem(
                    j,
                    (float)(acc.Counts[j] / Math.Sqrt((double)customers.Length * _matrix.CustomersOf(j).Length))
                )
            );
        acc.Clear();
        result.Sort(TopItems.BestFirst);
        return result.Take(Neighbours).Select(r => (r.Item, r.Score)).ToArray();
    }

    private sealed class Accumulator(int items)
    {
        public readonly int[] Counts = new int[items];
        public readonly List<int> Touched = [];

        public void Add(int item)
        {
            if (Counts[item]++ == 0)
                Touched.Add(item);
        }

        public void Clear()
        {
            foreach (var j in Touched)
                Counts[j] = 0;
            Touched.Clear();
        }
    }
}
