namespace Personalize.Recommendations;

/// <summary>
/// RP3beta (Paudel et al. 2017): a three-step random walk item → customer → item on the binary graph of positive
/// signals, transition probabilities raised to α and the landing item's popularity penalised by degree^β:
/// W_ij = Σ_u (1/deg i)^α (1/deg u)^α / (deg j)^β, the top <see cref="Neighbours"/> per item kept. A customer's
/// score for j sums W_ij over the items i they took; lists are topped up with recency-weighted popularity.
/// </summary>
public sealed class Rp3BetaRecommender : IRecommender
{
    private readonly SignalMatrix _matrix;
    private readonly PopularityRecommender _fill;
    private readonly int[] _start;
    private readonly int[] _neighbour;
    private readonly float[] _weight;

    public Rp3BetaRecommender(SignalMatrix matrix, PopularityRecommender fill, double alpha, double beta, int neighbours = 100,
        CancellationToken cancellationToken = default)
    {
        (_matrix, _fill, Alpha, Beta, Neighbours) = (matrix, fill, alpha, beta, neighbours);
        var items = matrix.ItemCount;
        var customerStep = new double[matrix.CustomerCount];
        for (var c = 0; c < customerStep.Length; c++)
        {
            var degree = 0;
            foreach (var p in matrix.ItemsOf(c)) if (p.Score > 0) degree++;
            customerStep[c] = degree == 0 ? 0 : Math.Pow(1.0 / degree, alpha);
        }
        var penalty = new double[items];
        for (var j = 0; j < items; j++) penalty[j] = matrix.CustomersOf(j).Length == 0 ? 0 : Math.Pow(matrix.CustomersOf(j).Length, -beta);

        var lists = new (int Item, float Weight)[items][];
        Parallel.For(0, items, new ParallelOptions { CancellationToken = cancellationToken },
            () => (Sums: new double[items], Touched: new List<int>()),
            (i, _, acc) =>
            {
                var customers = matrix.CustomersOf(i);
                if (customers.Length == 0) { lists[i] = []; return acc; }
                var first = Math.Pow(1.0 / customers.Length, alpha);
                foreach (var c in customers)
                    foreach (var p in matrix.ItemsOf(c))
                        if (p.Score > 0 && p.Item != i)
                        {
                            if (acc.Sums[p.Item] == 0) acc.Touched.Add(p.Item);
                            acc.Sums[p.Item] += first * customerStep[c];
                        }
                var top = new List<ScoredItem>(acc.Touched.Count);
                foreach (var j in acc.Touched)
                {
                    top.Add(new ScoredItem(j, (float)(acc.Sums[j] * penalty[j])));
                    acc.Sums[j] = 0;
                }
                acc.Touched.Clear();
                top.Sort(TopItems.BestFirst);
                lists[i] = top.Take(neighbours).Select(t => (t.Item, t.Score)).ToArray();
                return acc;
            },
            _ => { });
        _start = new int[items + 1];
        for (var i = 0; i < items; i++) _start[i + 1] = _start[i] + lists[i].Length;
        _neighbour = lists.SelectMany(l => l.Select(n => n.Item)).ToArray();
        _weight = lists.SelectMany(l => l.Select(n => n.Weight)).ToArray();
    }

    public string Name => "rp3beta";
    public double Alpha { get; }
    public double Beta { get; }
    public int Neighbours { get; }

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null)
    {
        var scores = new Dictionary<int, float>();
        foreach (var p in _matrix.ItemsOf(customer))
        {
            if (p.Score <= 0) continue;
            for (var k = _start[p.Item]; k < _start[p.Item + 1]; k++)
                scores[_neighbour[k]] = scores.GetValueOrDefault(_neighbour[k]) + _weight[k];
        }
        return TopItems.WithFill(scores.Select(s => new ScoredItem(s.Key, s.Value)), _fill, count, exclude);
    }
}
