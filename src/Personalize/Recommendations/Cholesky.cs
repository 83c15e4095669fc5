using System.Numerics;
using System.Runtime.InteropServices;

namespace Personalize.Recommendations;

/// <summary>
/// The inverse of a dense symmetric positive definite matrix by Cholesky, in plain C# (row-major): A = L·Lᵀ, then W =
/// L⁻¹, then A⁻¹ = Wᵀ·W, about n³/2 multiply-adds in all. Each step is blocked by <see cref="Block"/> rows, so that
/// nearly all the work is products of two row blocks over a run of columns (<see cref="ProductNT"/>: SIMD, 2 × 4
/// results at a time, columns in runs of <see cref="Depth"/> that stay in cache), and independent blocks run on every
/// core.
/// </summary>
internal static class Cholesky
{
    private const int Block = 64,
        Depth = 256;

    /// <summary>Replaces the n × n SPD matrix whose lower triangle is in <paramref name="a"/> by its inverse (full,
    /// symmetric).</summary> <exception cref="InvalidOperationException">The matrix is not positive
    /// definite.</exception>
    public static void InvertInPlace(double[] a, int n, CancellationToken cancellationToken = default)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Factor(a, n, parallel);
        var t = InverseFactorTransposed(a, n, parallel);
        SelfProduct(t, a, n, parallel);
    }

    private static int Blocks(int n) => (n + Block - 1) / Block;

    /// <summary>L in the lower triangle of a, left-looking by block columns.</summary>
    private static void Factor(double[] a, int n, ParallelOptions parallel)
    {
        var blocks = Blocks(n);
        for (var jb = 0; jb < blocks; jb++)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            int j0 = jb * Block,
                j1 = Math.Min(n, j0 + Block),
                w = j1 - j0;
            // Rows j0.. of the block column lose the contributions of the columns factored before it.
            if (j0 > 0)
                Parallel.For(
                    jb,
                    blocks,
                    parallel,
                    () => new double[Block * Block],
                    (ib, _, c) =>
                    {
                        int i0 = ib * Block,
                            h = Math.Min(n, i0 + Block) - i0;
                        ProductNT(a, i0, a, j0, n, 0, j0, h, w, c);
                        for (var r = 0; r < h; r++)
                        for (var s = 0; s < w; s++)
                            a[(i0 + r) * n + j0 + s] -= c[r * w + s];
                        return c;
                    },
                    _ => { }
                );
            // The diagonal block, then every row below it solved against it.
            for (var j = j0; j < j1; j++)
            {
                for (var i = j0; i < j; i++)
                    a[j * n + i] = (a[j * n + i] - Dot(a, j * n + j0, a, i * n + j0, i - j0)) / a[i * n + i];
                var d = a[j * n + j] - Dot(a, j * n + j0, a, j * n + j0, j - j0);
                if (!(d > 0))
                    throw new InvalidOperationException("The Gram matrix is not positive definite; raise λ.");
                a[j * n + j] = Math.Sqrt(d);
            }
            Parallel.For(jb + 1, blocks, parallel, ib =>
            {
                for (int i = ib * Block, end = Math.Min(n, i + Block); i < end; i++)
                for (var j = j0; j < j1; j++)
                    a[i * n + j] = (a[i * n + j] - Dot(a, i * n + j0, a, j * n + j0, j - j0)) / a[j * n + j];
            });
        }
    }

    /// <summary>T = (L⁻¹)ᵀ, upper triangular: row j of T is column j of L⁻¹, found by forward substitution (L·w = e_j),
    /// rows in independent blocks.</summary>
    private static double[] InverseFactorTransposed(double[] a, int n, ParallelOptions parallel)
    {
        var t = new double[n * n];
        var blocks = Blocks(n);
        Parallel.For(
            0,
            blocks,
            parallel,
            () => new double[Block * Block],
            (jb, _, c) =>
            {
                int j0 = jb * Block,
                    w = Math.Min(n, j0 + Block) - j0;
                for (var ib = jb; ib < blocks; ib++)
                {
                    int i0 = ib * Block,
                        h = Math.Min(n, i0 + Block) - i0;
                    // c[s, r] = Σ over columns k in [j0, i0) of T[j0 + s, k]·L[i0 + r, k]: what the earlier blocks
                    // contribute.
                    if (ib > jb)
                        ProductNT(t, j0, a, i0, n, j0, i0 - j0, w, h, c);
                    else
                        Array.Clear(c);
                    for (var s = 0; s < w; s++)
                    {
                        var j = j0 + s;
                        for (var i = Math.Max(j, i0); i < i0 + h; i++)
                        {
                            var from = Math.Max(j, i0);
                            var v =
                                (i == j ? 1 : 0)
                                - (ib > jb ? c[s * h + i - i0] : 0)
                                - Dot(a, i * n + from, t, j * n + from, i - from);
                            t[j * n + i] = v / a[i * n + i];
                        }
                    }
                }
                return c;
            },
            _ => { }
        );
        return t;
    }

    /// <summary>A⁻¹ = Wᵀ·W = T·Tᵀ into <paramref name="result"/>, one pair of row blocks at a time (T's rows are zero
    /// before their diagonal).</summary>
    private static void SelfProduct(double[] t, double[] result, int n, ParallelOptions parallel)
    {
        var blocks = Blocks(n);
        var pairs = new List<(int J, int K)>();
        for (var jb = 0; jb < blocks; jb++)
        for (var kb = 0; kb <= jb; kb++)
            pairs.Add((jb, kb));
        Parallel.For(
            0,
            pairs.Count,
            parallel,
            () => new double[Block * Block],
            (p, _, c) =>
            {
                var (jb, kb) = pairs[p];
                int j0 = jb * Block,
                    w = Math.Min(n, j0 + Block) - j0,
                    k0 = kb * Block,
                    h = Math.Min(n, k0 + Block) - k0;
                ProductNT(t, j0, t, k0, n, j0, n - j0, w, h, c);
                for (var r = 0; r < w; r++)
                for (var s = 0; s < h; s++)
                    result[(j0 + r) * n + k0 + s] = result[(k0 + s) * n + j0 + r] = c[r * h + s];
                return c;
            },
            _ => { }
        );
    }

    /// <summary>
    /// c[r·p + s] = Σ over columns k in [col0, col0 + length) of x[(xRow0 + r)·n + k]·y[(yRow0 + s)·n + k], for r &lt;
    /// m, s &lt; p: the product of a block of x's rows with the transpose of a block of y's rows.
    /// </summary>
    private static void ProductNT(
        double[] x,
        int xRow0,
        double[] y,
        int yRow0,
        int n,
        int col0,
        int length,
        int m,
        int p,
        double[] c
    )
    {
        Array.Clear(c, 0, m * p);
        for (var k0 = col0; k0 < col0 + length; k0 += Depth)
        {
            var run = Math.Min(col0 + length - k0, Depth);
            var r = 0;
            for (; r + 2 <= m; r += 2)
            {
                var s = 0;
                for (; s + 4 <= p; s += 4)
                    Tile(x, (xRow0 + r) * n + k0, y, (yRow0 + s) * n + k0, n, run, c, r * p + s, p);
                for (; s < p; s++)
                {
                    c[r * p + s] += Dot(x, (xRow0 + r) * n + k0, y, (yRow0 + s) * n + k0, run);
                    c[(r + 1) * p + s] += Dot(x, (xRow0 + r + 1) * n + k0, y, (yRow0 + s) * n + k0, run);
                }
            }
            for (; r < m; r++)
            for (var s = 0; s < p; s++)
                c[r * p + s] += Dot(x, (xRow0 + r) * n + k0, y, (yRow0 + s) * n + k0, run);
        }
    }

    /// <summary>Two rows of x against four rows of y over <paramref name="length"/> columns, added to a 2 × 4 tile of
    /// c.</summary>
    private static void Tile(double[] x, int xAt, double[] y, int yAt, int n, int length, double[] c, int cAt, int p)
    {
        ref var xs = ref MemoryMarshal.GetArrayDataReference(x);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(y);
        Vector<double> c00 = default,
            c01 = default,
            c02 = default,
            c03 = default,
            c10 = default,
            c11 = default,
            c12 = default,
            c13 = default;
        var width = Vector<double>.Count;
        var k = 0;
        for (; k <= length - width; k += width)
        {
            var a0 = Vector.LoadUnsafe(ref xs, (nuint)(xAt + k));
            var a1 = Vector.LoadUnsafe(ref xs, (nuint)(xAt + n + k));
            var b = Vector.LoadUnsafe(ref ys, (nuint)(yAt + k));
            c00 = Vector.FusedMultiplyAdd(a0, b, c00);
            c10 = Vector.FusedMultiplyAdd(a1, b, c10);
            b = Vector.LoadUnsafe(ref ys, (nuint)(yAt + n + k));
            c01 = Vector.FusedMultiplyAdd(a0, b, c01);
            c11 = Vector.FusedMultiplyAdd(a1, b, c11);
            b = Vector.LoadUnsafe(ref ys, (nuint)(yAt + 2 * n + k));
            c02 = Vector.FusedMultiplyAdd(a0, b, c02);
            c12 = Vector.FusedMultiplyAdd(a1, b, c12);
            b = Vector.LoadUnsafe(ref ys, (nuint)(yAt + 3 * n + k));
            c03 = Vector.FusedMultiplyAdd(a0, b, c03);
            c13 = Vector.FusedMultiplyAdd(a1, b, c13);
        }
        c[cAt] += Vector.Sum(c00) + Tail(x, xAt, y, yAt, k, length);
        c[cAt + 1] += Vector.Sum(c01) + Tail(x, xAt, y, yAt + n, k, length);
        c[cAt + 2] += Vector.Sum(c02) + Tail(x, xAt, y, yAt + 2 * n, k, length);
        c[cAt + 3] += Vector.Sum(c03) + Tail(x, xAt, y, yAt + 3 * n, k, length);
        c[cAt + p] += Vector.Sum(c10) + Tail(x, xAt + n, y, yAt, k, length);
        c[cAt + p + 1] += Vector.Sum(c11) + Tail(x, xAt + n, y, yAt + n, k, length);
        c[cAt + p + 2] += Vector.Sum(c12) + Tail(x, xAt + n, y, yAt + 2 * n, k, length);
        c[cAt + p + 3] += Vector.Sum(c13) + Tail(x, xAt + n, y, yAt + 3 * n, k, length);
    }

    private static double Tail(double[] x, int xAt, double[] y, int yAt, int from, int length)
    {
        double sum = 0;
        for (var k = from; k < length; k++)
            sum += x[xAt + k] * y[yAt + k];
        return sum;
    }

    private static double Dot(double[] x, int xAt, double[] y, int yAt, int length)
    {
        var sum = Vector<double>.Zero;
        var k = 0;
        for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
            sum = Vector.FusedMultiplyAdd(new Vector<double>(x, xAt + k), new Vector<double>(y, yAt + k), sum);
        return Vector.Sum(sum) + Tail(x, xAt, y, yAt, k, length);
    }
}
