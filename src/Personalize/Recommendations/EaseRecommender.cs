namespace Personalize.Recommendations;

/// <summary>
/// EASE (Steck 2019): item-item weights in closed form, B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, X the binary
/// customer × item matrix (positive signals). The dense solve is restricted to the <see cref="MaxItems"/> items most
/// customers took (the rest get no weights and are reached through the popularity fill). Memory while training is three
/// N × N matrices of doubles (the Gram matrix, kept for every λ; its copy, factored then inverted in place; L⁻¹: 96 MB
/// for N = 2,000, 216 MB for 3,000), whatever the catalogue's size, and time grows as N³; the model kept is the <see
/// cref="Neighbours"/> weights largest in magnitude per item (N × k × 8 bytes: 1.6 MB for N = 2,000, k = 100). A
/// customer's score for j sums B_ij over the items i they took; lists are topped up with recency-weighted popularity.
/// </summary>
public sealed class EaseRecommender : IRecommender
{
    private readonly SignalMatrix _matrix;
    private readonly PopularityRecommender _fill;
    private readonly int[] _start;
    private readonly int[] _neighbour;
    private readonly float[] _weight;

    public EaseRecommender(
        SignalMatrix matrix,
        PopularityRecommender fill,
        double lambda,
        int maxItems = 2000,
        int neighbours = 100,
        CancellationToken cancellationToken = default
    )
        : this(ForLambdas(matrix, fill, [lambda], maxItems, neighbours, cancellationToken).Single()) { }

    private EaseRecommender(EaseRecommender built) =>
        (_matrix, _fill, _start, _neighbour, _weight, Lambda, MaxItems, Neighbours, ActiveItems) = (
            built._matrix,
            built._fill,
            built._start,
            built._neighbour,
            built._weight,
            built.Lambda,
            built.MaxItems,
            built.Neighbours,
            built.ActiveItems
        );

    private EaseRecommender(
        SignalMatrix matrix,
        PopularityRecommender fill,
        double lambda,
        int maxItems,
        int neighbours,
        int[] active,
        (int Item, float Weight)[][] lists
    )
    {
        (_matrix, _fill, Lambda, MaxItems, Neighbours, ActiveItems) = (
            matrix,
            fill,
            lambda,
            maxItems,
            neighbours,
            active.Length
        );
        var dense = DenseIndex(matrix, active);
        _start = new int[matrix.ItemCount + 1];
        for (var i = 0; i < matrix.ItemCount; i++)
            _start[i + 1] = _start[i] + (dense[i] >= 0 ? lists[dense[i]].Length : 0);
        _neighbour = new int[_start[^1]];
        _weight = new float[_start[^1]];
        for (var i = 0; i < matrix.ItemCount; i++)
            if (dense[i] >= 0)
                for (var k = 0; k < lists[dense[i]].Length; k++)
                    (_neighbour[_start[i] + k], _weight[_start[i] + k]) = lists[dense[i]][k];
    }

    /// <summary>
    /// One model per λ, built one after the other as they are enumerated, from a single Gram matrix: only its diagonal
    /// depends on λ, so tuning λ costs one inversion per value and no second pass over the signals.
    /// </summary>
    public static IEnumerable<EaseRecommender> ForLambdas(
        SignalMatrix matrix,
        PopularityRecommender fill,
        IReadOnlyList<double> lambdas,
        int maxItems = 2000,
        int neighbours = 100,
        CancellationToken cancellationToken = default
    )
    {
        var active = Enumerable
            .Range(0, matrix.ItemCount)
            .Where(i => matrix.CustomersOf(i).Length > 0)
            .OrderByDescending(i => matrix.CustomersOf(i).Length)
            .ThenBy(i => i)
            .Take(maxItems)
            .Order()
            .ToArray();
        var n = active.Length;
        var dense = DenseIndex(matrix, active);

        // Gram matrix XᵀX, lower triangle (a customer's items come in index order, and so do their dense indexes).
        var gram = new double[n * n];
        var row = new List<int>();
        for (var c = 0; c < matrix.CustomerCount; c++)
        {
            row.Clear();
            foreach (var p in matrix.ItemsOf(c))
                if (p.Score > 0 && dense[p.Item] >= 0)
                    row.Add(dense[p.Item]);
            for (var x = 0; x < row.Count; x++)
            for (var y = 0; y <= x; y++)
                gram[row[x] * n + row[y]] += 1;
        }
        foreach (var lambda in lambdas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var p = (double[])gram.Clone();
            for (var i = 0; i < n; i++)
                p[i * n + i] += lambda;
            Cholesky.InvertInPlace(p, n, cancellationToken);
            yield return new EaseRecommender(
                matrix,
                fill,
                lambda,
                maxItems,
                neighbours,
                active,
                Weights(p, n, active, neighbours, cancellationToken)
            );
        }
    }

    /// <summary>Row j of B: B_jk = −P_jk / P_kk, k ≠ j (what a taken item j contributes to each k), the largest in
    /// magnitude kept.</summary>
    private static (int Item, float Weight)[][] Weights(
        double[] inverse,
        int n,
        int[] active,
        int neighbours,
        CancellationToken cancellationToken
    )
    {
        // Largest in magnitude first, then by item: negative weights (items that rarely go together) matter as much as
        // positive ones.
        static int Stronger(ScoredItem x, ScoredItem y) =>
            Math.Abs(y.Score) != Math.Abs(x.Score)
                ? Math.Abs(y.Score).CompareTo(Math.Abs(x.Score))
                : x.Item.CompareTo(y.Item);
        var lists = new (int Item, float Weight)[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            var weights = new List<ScoredItem>(n);
            for (var k = 0; k < n; k++)
                if (k != j)
                {
                    var w = (float)(-inverse[j * n + k] / inverse[k * n + k]);
                    if (w != 0)
                        weights.Add(new ScoredItem(active[k], w));
                }
            lists[j] = TopItems.Best(weights, neighbours, Stronger).Select(t => (t.Item, t.Score)).ToArray();
        });
        return lists;
    }

    private static int[] DenseIndex(SignalMatrix matrix, int[] active)
    {
        var dense = new int[matrix.ItemCount];
        Array.Fill(dense, -1);
        for (var a = 0; a < active.Length; a++)
            dense[active[a]] = a;
        return dense;
    }

    public string Name => "ease";
    public double Lambda { get; }
    public int MaxItems { get; }
    public int Neighbours { get; }

    /// <summary>Items inside the dense solve (at most <see cref="MaxItems"/>).</summary>
    public int ActiveItems { get; }

    /// <summary>Bytes held by the sparse weights.</summary>
    public long ModelBytes => _neighbour.Length * 8L + _start.Length * 4L;

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
        return TopItems.WithFill(scores.Drain(positiveOnly: true), _fill, count, exclude);
    }
}
