using Personalize.Content;
using Personalize.Recommendations;

namespace Personalize.Tests.Recommendations;

/// <summary>EASE against an independent computation of its closed form (Gauss-Jordan inversion written here), and the
/// bootstrap bound on worked examples.</summary>
public sealed class EaseTests
{
    private static readonly DateTime At = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    // Five customers × four items, binary.
    private static readonly int[][] Taken =
    [
        [0, 1],
        [0, 1, 2],
        [1, 2],
        [2, 3],
        [0, 3],
    ];

    [Fact]
    public void Scores_equal_the_closed_form_computed_independently()
    {
        const double lambda = 2;
        var builder = new SignalLog.Builder();
        for (var i = 0; i < 4; i++)
            builder.AddItem(i + 1, ContentKind.Product, At.AddDays(-100));
        for (var c = 0; c < Taken.Length; c++)
            foreach (var i in Taken[c])
                builder.AddSignal(c + 1, i + 1, At.AddDays(-10), 5);
        var matrix = new SignalMatrix(builder.Build(), At);
        var ease = new EaseRecommender(matrix, new PopularityRecommender(matrix), lambda);

        // B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹, so B_ij = −P_ij / P_jj off the diagonal.
        var g = new double[4, 4];
        foreach (var row in Taken)
        foreach (var i in row)
        foreach (var j in row)
            g[i, j] += 1;
        for (var i = 0; i < 4; i++)
            g[i, i] += lambda;
        var p = Invert(g);
        for (var c = 0; c < Taken.Length; c++)
        {
            var expected = Enumerable
                .Range(0, 4)
                .Select(j => (Item: j, Score: Taken[c].Sum(i => i == j ? 0 : -p[i, j] / p[j, j])))
                .Where(s => s.Score > 0)
                .OrderByDescending(s => s.Score)
                .ToList();
            var actual = ease.Recommend(matrix.Log.CustomerIndex(c + 1)!.Value, expected.Count).ToList();
            Assert.Equal(expected.Select(e => matrix.Log.ItemIndex(e.Item + 1)!.Value), actual.Select(a => a.Item));
            Assert.True(
                expected.Zip(actual).All(x => Math.Abs(x.First.Score - x.Second.Score) < 1e-5),
                $"customer {c}: {string.Join(" ", expected)} vs {string.Join(" ", actual)}"
            );
        }
    }

    [Fact]
    public void Scores_over_several_blocks_of_the_inversion_equal_the_closed_form_computed_independently()
    {
        // 150 items: more than two blocks of the blocked inversion, with a remainder that is not a multiple of its
        // tiles.
        const int customers = 300,
            items = 150;
        const double lambda = 10;
        var random = new Random(5);
        var taken = Enumerable
            .Range(0, customers)
            .Select(_ =>
                Enumerable.Range(0, items).OrderBy(_ => random.Next()).Take(5 + random.Next(16)).Order().ToArray()
            )
            .ToArray();
        var builder = new SignalLog.Builder();
        for (var i = 0; i < items; i++)
            builder.AddItem(i + 1, ContentKind.Product, At.AddDays(-100));
        for (var c = 0; c < customers; c++)
            foreach (var i in taken[c])
                builder.AddSignal(c + 1, i + 1, At.AddDays(-10), 5);
        var matrix = new SignalMatrix(builder.Build(), At);
        var ease = new EaseRecommender(matrix, new PopularityRecommender(matrix), lambda, neighbours: items);

        var g = new double[items, items];
        foreach (var row in taken)
        foreach (var i in row)
        foreach (var j in row)
            g[i, j] += 1;
        for (var i = 0; i < items; i++)
            g[i, i] += lambda;
        var p = Invert(g);
        for (var c = 0; c < 30; c++)
        {
            var expected = Enumerable
                .Range(0, items)
                .Select(j => taken[c].Sum(i => i == j ? 0 : -p[i, j] / p[j, j]))
                .OrderDescending()
                .Take(10)
                .ToList();
            var actual = ease.Recommend(matrix.Log.CustomerIndex(c + 1)!.Value, 10)
                .Select(a => (double)a.Score)
                .ToList();
            Assert.True(
                expected.Zip(actual).All(x => Math.Abs(x.First - x.Second) < 1e-5),
                $"customer {c}: {string.Join(" ", expected)} vs {string.Join(" ", actual)}"
            );
        }
    }

    [Fact]
    public void Only_the_most_active_items_enter_the_dense_solve()
    {
        var builder = new SignalLog.Builder();
        for (var c = 0; c < Taken.Length; c++)
            foreach (var i in Taken[c])
                builder.AddSignal(c + 1, i + 1, At.AddDays(-10), 5);
        var matrix = new SignalMatrix(builder.Build(), At);

        var ease = new EaseRecommender(matrix, new PopularityRecommender(matrix), 1, maxItems: 2);

        Assert.Equal(2, ease.ActiveItems);
    }

    [Fact]
    public void The_bootstrap_bound_of_a_constant_difference_is_that_difference_and_of_none_is_zero()
    {
        double[] a = [0.5, 0.25, 1, 0],
            b = [0.25, 0, 0.75, -0.25];

        Assert.Equal(0.25, RecommenderSelection.LowerBound(a, b, 1000, 1), 12);
        Assert.Equal(0, RecommenderSelection.LowerBound(a, a, 1000, 1));
        // One customer far better, three a little worse: the mean is positive (+0.1) but the lower bound is not.
        Assert.True(RecommenderSelection.LowerBound([1, 0, 0, 0], [0, 0.1, 0.1, 0.1], 1000, 1) < 0);
    }

    private static double[,] Invert(double[,] m)
    {
        var n = m.GetLength(0);
        var a = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                a[i, j] = m[i, j];
            a[i, n + i] = 1;
        }
        for (var col = 0; col < n; col++)
        {
            var pivot = a[col, col];
            for (var j = 0; j < 2 * n; j++)
                a[col, j] /= pivot;
            for (var r = 0; r < n; r++)
                if (r != col)
                {
                    var f = a[r, col];
                    for (var j = 0; j < 2 * n; j++)
                        a[r, j] -= f * a[col, j];
                }
        }
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            inverse[i, j] = a[i, n + j];
        return inverse;
    }
}
