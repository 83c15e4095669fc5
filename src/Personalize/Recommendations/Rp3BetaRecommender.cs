namespace Personalize.Recommendations;

/// <summary>
/// RP3beta (Paudel et al. 2017): a three-step random walk item → customer → item on the binary graph of positive
/// signals, transition probabilities raised to α and the landing item's popularity penalised by degree^β:
/// W_ij = Σ_u (1/deg i)^α (1/deg u)^α / (deg j)^β, the top <see cref="Neighbours"/> per item kept. A customer's
/// score for j sums W_ij over the items i they took; lists are topped up with recency-weighted popularity. One walk
/// serves every β (<see cref="ForBetas"/>), so tuning β is cheap.
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
        : this(matrix, fill, alpha, beta, neighbours, Walk(matrix, alpha, [beta], neighbours, cancellationToken)[0])
    {
    }

    private Rp3BetaRecommender(SignalMatrix matrix, PopularityRecommender fill, double alpha, double beta, int neighbours,
        (int[] Start, int[] Neighbour, float[] Weight) weights)
    {
        (_matrix, _fill, Alpha, Beta, Neighbours) = (matrix, fill, alpha, beta, neighbours);
        (_start, _neighbour, _weight) = weights;
    }

    /// <summary>One recommender per β from a single walk: the walk's sums do not depend on β, only the kept neighbours do.</summary>
    public static IReadOnlyList<Rp3BetaRecommender> ForBetas(SignalMatrix matrix, PopularityRecommender fill, double alpha, IReadOnlyList<double> betas,
        int neighbours = 100, CancellationToken cancellationToken = default)
    {
        var weights = Walk(matrix, alpha, betas, neighbours, cancellationToken);
        return betas.Select((beta, b) => new Rp3BetaRecommender(matrix, fill, alpha, beta, neighbours, weights[b])).ToList();
    }

    private static (int[] Start, int[] Neighbour, float[] Weight)[] Walk(SignalMatrix matrix, double alpha, IReadOnlyList<double> betas, int neighbours,
        CancellationToken cancellationToken)
    {
        var items = matrix.ItemCount;
        var customerStep = new double[matrix.CustomerCount];
        for (var c = 0; c < customerStep.Length; c++)
        {
            var degree = 0;
            foreach (var p in matrix.ItemsOf(c)) if (p.Score > 0) degree++;
            customerStep[c] = degree == 0 ? 0 : Math.Pow(1.0 / degree, alpha);
        }
        var penalty = betas.Select(beta => Enumerable.Range(0, items)
            .Select(j => matrix.CustomersOf(j).Length == 0 ? 0 : Math.Pow(matrix.CustomersOf(j).Length, -beta)).ToArray()).ToArray();

        var lists = betas.Select(_ => new (int Item, float Weight)[items][]).ToArray();
        Parallel.For(0, items, new ParallelOptions { CancellationToken = cancellationToken },
            () => (Sums: new double[items], Touched: new List<int>(), Top: new List<ScoredItem>()),
            (i, _, acc) =>
            {
                var customers = matrix.CustomersOf(i);
                var first = customers.Length == 0 ? 0 : Math.Pow(1.0 / customers.Length, alpha);
                foreach (var c in customers)
                    foreach (var p in matrix.ItemsOf(c))
                        if (p.Score > 0 && p.Item != i)
                        {
                            if (acc.Sums[p.Item] == 0) acc.Touched.Add(p.Item);
                            acc.Sums[p.Item] += first * customerStep[c];
                        }
                for (var b = 0; b < penalty.Length; b++)
                {
                    acc.Top.Clear();
                    foreach (var j in acc.Touched) acc.Top.Add(new ScoredItem(j, (float)(acc.Sums[j] * penalty[b][j])));
                    acc.Top.Sort(TopItems.BestFirst);
                    lists[b][i] = acc.Top.Take(neighbours).Select(t => (t.Item, t.Score)).ToArray();
                }
                foreach (var j in acc.Touched) acc.Sums[j] = 0;
                acc.Touched.Clear();
                return acc;
            },
            _ => { });
        return lists.Select(l =>
        {
            var start = new int[items + 1];
            for (var i = 0; i < items; i++) start[i + 1] = start[i] + l[i].Length;
            return (start, l.SelectMany(x => x.Select(n => n.Item)).ToArray(), l.SelectMany(x => x.Select(n => n.Weight)).ToArray());
        }).ToArray();
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
