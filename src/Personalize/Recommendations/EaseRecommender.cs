using System.Numerics;

namespace Personalize.Recommendations;

/// <summary>
/// EASE (Steck 2019): item-item weights in closed form, B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, X the binary
/// customer × item matrix (positive signals). The dense solve is restricted to the <see cref="MaxItems"/> items most
/// customers took (the rest get no weights and are reached through the popularity fill). Memory while training is
/// three N × N matrices of doubles (Gram/Cholesky factor, L⁻¹, P: 96 MB for N = 2,000, 216 MB for 3,000), whatever the
/// catalogue's size, and time grows as N³; the model kept is the <see cref="Neighbours"/> weights largest in magnitude
/// per item (N × k × 8 bytes: 1.6 MB for N = 2,000, k = 100). A customer's score for j sums B_ij over the items i they
/// took; lists are topped up with recency-weighted popularity.
/// </summary>
public sealed class EaseRecommender : IRecommender
{
    private readonly SignalMatrix _matrix;
    private readonly PopularityRecommender _fill;
    private readonly int[] _start;
    private readonly int[] _neighbour;
    private readonly float[] _weight;

    public EaseRecommender(SignalMatrix matrix, PopularityRecommender fill, double lambda, int maxItems = 2000, int neighbours = 100,
        CancellationToken cancellationToken = default)
    {
        (_matrix, _fill, Lambda, MaxItems, Neighbours) = (matrix, fill, lambda, maxItems, neighbours);
        var active = Enumerable.Range(0, matrix.ItemCount).Where(i => matrix.CustomersOf(i).Length > 0)
            .OrderByDescending(i => matrix.CustomersOf(i).Length).ThenBy(i => i).Take(maxItems).Order().ToArray();
        ActiveItems = active.Length;
        var n = active.Length;
        var dense = new int[matrix.ItemCount];
        Array.Fill(dense, -1);
        for (var a = 0; a < n; a++) dense[active[a]] = a;

        // Gram matrix XᵀX (lower triangle suffices for Cholesky, filled symmetric for the inverse step).
        var g = new double[n * n];
        var row = new List<int>();
        for (var c = 0; c < matrix.CustomerCount; c++)
        {
            row.Clear();
            foreach (var p in matrix.ItemsOf(c))
                if (p.Score > 0 && dense[p.Item] >= 0) row.Add(dense[p.Item]);
            for (var x = 0; x < row.Count; x++)
                for (var y = 0; y <= x; y++) g[row[x] * n + row[y]] += 1;
        }
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < n; i++) g[i * n + i] += lambda;
        var inverse = Cholesky.InvertSymmetric(g, n, cancellationToken);

        var lists = new (int Item, float Weight)[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            // Row j of B: B_jk = −P_jk / P_kk, k ≠ j (B's rows are what a taken item j contributes to each k).
            var top = new List<ScoredItem>(n);
            for (var k = 0; k < n; k++)
                if (k != j)
                {
                    var w = -inverse[j * n + k] / inverse[k * n + k];
                    if (w != 0) top.Add(new ScoredItem(active[k], (float)w));
                }
            // The largest in magnitude: negative weights (items that rarely go together) matter as much as positive ones.
            top.Sort((x, y) => Math.Abs(y.Score) != Math.Abs(x.Score) ? Math.Abs(y.Score).CompareTo(Math.Abs(x.Score)) : x.Item.CompareTo(y.Item));
            lists[j] = top.Take(neighbours).Select(t => (t.Item, t.Score)).ToArray();
        });
        _start = new int[matrix.ItemCount + 1];
        for (var i = 0; i < matrix.ItemCount; i++) _start[i + 1] = _start[i] + (dense[i] >= 0 ? lists[dense[i]].Length : 0);
        _neighbour = new int[_start[^1]];
        _weight = new float[_start[^1]];
        for (var i = 0; i < matrix.ItemCount; i++)
            if (dense[i] >= 0)
                for (var k = 0; k < lists[dense[i]].Length; k++) (_neighbour[_start[i] + k], _weight[_start[i] + k]) = lists[dense[i]][k];
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
        var scores = new Dictionary<int, float>();
        foreach (var p in _matrix.ItemsOf(customer))
        {
            if (p.Score <= 0) continue;
            for (var k = _start[p.Item]; k < _start[p.Item + 1]; k++)
                scores[_neighbour[k]] = scores.GetValueOrDefault(_neighbour[k]) + _weight[k];
        }
        return TopItems.WithFill(scores.Where(s => s.Value > 0).Select(s => new ScoredItem(s.Key, s.Value)), _fill, count, exclude);
    }
}

/// <summary>Dense symmetric positive definite inversion by Cholesky, in plain C# (row-major, SIMD dot products).</summary>
internal static class Cholesky
{
    /// <summary>The inverse of the n × n SPD matrix whose lower triangle is in <paramref name="a"/> (overwritten).</summary>
    public static double[] InvertSymmetric(double[] a, int n, CancellationToken cancellationToken = default)
    {
        // A = L·Lᵀ, L in the lower triangle of a.
        for (var j = 0; j < n; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rj = a.AsSpan(j * n, j);
            var d = a[j * n + j] - Dot(rj, rj);
            if (d <= 0) throw new InvalidOperationException("The Gram matrix is not positive definite; raise λ.");
            var ljj = Math.Sqrt(d);
            a[j * n + j] = ljj;
            Parallel.For(j + 1, n, i =>
            {
                a[i * n + j] = (a[i * n + j] - Dot(a.AsSpan(i * n, j), a.AsSpan(j * n, j))) / ljj;
            });
        }
        // M = L⁻¹ (lower), row by row: M_ij = −(Σ_{k=j..i−1} L_ik M_kj) / L_ii; stored transposed (column j of M as row j of t) for contiguous access.
        var t = new double[n * n]; // t[j*n + i] = M_ij
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            var col = t.AsSpan(j * n, n);
            col[j] = 1 / a[j * n + j];
            for (var i = j + 1; i < n; i++)
                col[i] = -Dot(a.AsSpan(i * n + j, i - j), col.Slice(j, i - j)) / a[i * n + i];
        });
        // A⁻¹ = Mᵀ·M: (A⁻¹)_jk = Σ_i M_ij M_ik = dot of t rows j and k from max(j, k).
        var inverse = new double[n * n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            for (var k = 0; k <= j; k++)
            {
                var v = Dot(t.AsSpan(j * n + j, n - j), t.AsSpan(k * n + j, n - j));
                inverse[j * n + k] = v;
                inverse[k * n + j] = v;
            }
        });
        return inverse;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = Vector<double>.Zero;
        var i = 0;
        for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            sum += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
        var s = Vector.Sum(sum);
        for (; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }
}
