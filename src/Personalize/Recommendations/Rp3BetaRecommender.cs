namespace Personalize.Recommendations;

/// <summary>
/// RP3beta (Paudel et al. 2017): a three-step random walk item → customer → item on the binary graph of positive
/// signals, transition probabilities raised to α and the landing item's popularity penalised by degree^β:
/// W_ij = Σ_u (1/deg i)^α (1/deg u)^α / (deg j)^β, the top <see cref="Neighbours"/> per item kept. A customer's
/// score for j sums W_ij over the items i they took; lists are topped up with recency-weighted popularity. One walk
/// serves the whole α × β grid (<see cref="ForGrid"/>), so tuning costs little more than one fit.
/// </summary>
public sealed class Rp3BetaRecommender : IRecommender
{
    private readonly SignalMatrix _matrix;
    private readonly PopularityRecommender _fill;
    private readonly int[] _start;
    private readonly int[] _neighbour;
    private readonly float[] _weight;

    public Rp3BetaRecommender(
        SignalMatrix matrix,
        PopularityRecommender fill,
        double alpha,
        double beta,
        int neighbours = 100,
        CancellationToken cancellationToken = default
    )
        : this(
            matrix,
            fill,
            alpha,
            beta,
            neighbours,
            Walk(matrix, [alpha], [beta], neighbours, cancellationToken)[0][0]
        ) { }

    private Rp3BetaRecommender(
        SignalMatrix matrix,
        PopularityRecommender fill,
        double alpha,
        double beta,
        int neighbours,
        (int[] Start, int[] Neighbour, float[] Weight) weights
    )
    {
        (_matrix, _fill, Alpha, Beta, Neighbours) = (matrix, fill, alpha, beta, neighbours);
        (_start, _neighbour, _weight) = weights;
    }

    /// <summary>One recommender per (α, β), α by α, from a single walk: it sums every α's transitions in one pass, and
    /// the sums do not depend on β.</summary>
    public static IReadOnlyList<Rp3BetaRecommender> ForGrid(
        SignalMatrix matrix,
        PopularityRecommender fill,
        IReadOnlyList<double> alphas,
        IReadOnlyList<double> betas,
        int neighbours = 100,
        CancellationToken cancellationToken = default
    )
    {
        var weights = Walk(matrix, alphas, betas, neighbours, cancellationToken);
        return alphas
            .SelectMany(
                (alpha, a) =>
                    betas.Select(
                        (beta, b) => new Rp3BetaRecommender(matrix, fill, alpha, beta, neighbours, weights[a][b])
                    )
            )
            .ToList();
    }

    private static (int[] Start, int[] Neighbour, float[] Weight)[][] Walk(
        SignalMatrix matrix,
        IReadOnlyList<double> alphas,
        IReadOnlyList<double> betas,
        int neighbours,
        CancellationToken cancellationToken
    )
    {
        var items = matrix.ItemCount;
        // Each customer's positive items (the walk's second step) in one flat array, and their step weight (1/degree)^α
        // per α.
        var start = new int[matrix.CustomerCount + 1];
        for (var c = 0; c < matrix.CustomerCount; c++)
        {
            var degree = 0;
            foreach (var p in matrix.ItemsOf(c))
                if (p.Score > 0)
                    degree++;
            start[c + 1] = start[c] + degree;
        }
        var taken = new int[start[^1]];
        for (var c = 0; c < matrix.CustomerCount; c++)
        {
            var k = start[c];
            foreach (var p in matrix.ItemsOf(c))
                if (p.Score > 0)
                    taken[k++] = p.Item;
        }
        var customerStep = alphas
            .Select(alpha =>
                Enumerable
                    .Range(0, matrix.CustomerCount)
                    .Select(c => start[c + 1] == start[c] ? 0 : Math.Pow(1.0 / (start[c + 1] - start[c]), alpha))
                    .ToArray()
            )
            .ToArray();
        var penalty = betas
            .Select(beta =>
                Enumerable
                    .Range(0, items)
                    .Select(j => matrix.CustomersOf(j).Length == 0 ? 0 : Math.Pow(matrix.CustomersOf(j).Length, -beta))
                    .ToArray()
            )
            .ToArray();

        var lists = alphas.Select(_ => betas.Select(_ => new (int Item, float Weight)[items][]).ToArray()).ToArray();
        Parallel.For(
            0,
            items,
            new ParallelOptions { CancellationToken = cancellationToken },
            () =>
                (
                    Sums: alphas.Select(_ => new double[items]).ToArray(),
                    Touched: new List<int>(),
                    Top: new List<ScoredItem>()
                ),
            (i, _, acc) =>
            {
                var customers = matrix.CustomersOf(i);
                for (var a = 0; a < alphas.Count; a++)
                {
                    var first = customers.Length == 0 ? 0 : Math.Pow(1.0 / customers.Length, alphas[a]);
                    var sums = acc.Sums[a];
                    var step = customerStep[a];
                    foreach (var c in customers)
                    {
                        var weight = first * step[c];
                        for (var k = start[c]; k < start[c + 1]; k++)
                        {
                            var j = taken[k];
                            if (j == i)
                                continue;
                            if (a == 0 && sums[j] == 0)
                                acc.Touched.Add(j);
                            sums[j] += weight;
                        }
                    }
                }
                for (var a = 0; a < alphas.Count; a++)
                {
                    for (var b = 0; b < penalty.Length; b++)
                    {
                        acc.Top.Clear();
                        foreach (var j in acc.Touched)
                            acc.Top.Add(new ScoredItem(j, (float)(acc.Sums[a][j] * penalty[b][j])));
                        lists[a][b][i] = TopItems
                            .Best(acc.Top, neighbours, TopItems.BestFirst)
                            .Select(t => (t.Item, t.Score))
                            .ToArray();
                    }
                    foreach (var j in acc.Touched)
                        acc.Sums[a][j] = 0;
                }
                acc.Touched.Clear();
                return acc;
            },
            _ => { }
        );
        return lists
            .Select(byBeta =>
                byBeta
                    .Select(l =>
                    {
                        var start = new int[items + 1];
                        for (var i = 0; i < items; i++)
                            start[i + 1] = start[i] + l[i].Length;
                        return (
                            start,
                            l.SelectMany(x => x.Select(n => n.Item)).ToArray(),
                            l.SelectMany(x => x.Select(n => n.Weight)).ToArray()
                        );
                    })
                    .ToArray()
            )
            .ToArray();
    }

    public string Name => "rp3beta";
    public double Alpha { get; }
    public double Beta { get; }
    public int Neighbours { get; }

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null)
    {
        var scores = ScoreBuffer.For(_matrix.ItemCount);
        foreach (var p in _matrix.ItemsOf(customer))
        {
            if (p.Score <= 0)
                continue;
            for (var k = _start[p.Item]; k < _start[p.Item + 1]; k++)
                scores.Add(_neighbour[k], _weight[k]);
        }
        return TopItems.WithFill(scores.Drain(positiveOnly: false), _fill, count, exclude);
    }
}
