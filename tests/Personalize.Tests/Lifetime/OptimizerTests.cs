using Personalize.Lifetime;
using Xunit.Abstractions;

namespace Personalize.Tests.Lifetime;

/// <summary>
/// The fits search with a bounded quasi-Newton method (<see cref="QuasiNewton"/>): checked on a textbook function, and
/// on the purchase models against a plain Nelder–Mead search of the same likelihood, run here from another start.
/// </summary>
public sealed class OptimizerTests(ITestOutputHelper output)
{
    [Fact]
    public void Quasi_Newton_finds_the_Rosenbrock_minimum_inside_and_on_the_edge_of_the_box()
    {
        static double Rosenbrock(double[] p, double[] g)
        {
            var (x, y) = (p[0], p[1]);
            (g[0], g[1]) = (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x));
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        var free = QuasiNewton.Minimize(Rosenbrock, [-1.2, 1], [-5, -5], [5, 5]);
        // With x ≤ 0.5 the minimum moves to the edge: x = 0.5, y = x² = 0.25.
        var boxed = QuasiNewton.Minimize(Rosenbrock, [-1.2, 1], [-5, -5], [0.5, 5]);

        output.WriteLine(
            $"free: {free.Point[0]:R}, {free.Point[1]:R} in {free.Evaluations}; boxed: "
                + $"{boxed.Point[0]:R}, {boxed.Point[1]:R} in {boxed.Evaluations}"
        );
        Assert.True(free.Converged);
        Assert.Equal(1, free.Point[0], 1e-6);
        Assert.Equal(1, free.Point[1], 1e-6);
        Assert.True(boxed.Converged);
        Assert.Equal(0.5, boxed.Point[0]);
        Assert.Equal(0.25, boxed.Point[1], 1e-6);
        Assert.Equal(0.25, boxed.Value, 1e-9);
    }

    public static TheoryData<PurchaseModelKind, string> Cases =>
        new()
        {
            { PurchaseModelKind.BgNbd, "cdnow" },
            { PurchaseModelKind.ParetoNbd, "cdnow" },
            { PurchaseModelKind.MbgNbd, "cdnow" },
            { PurchaseModelKind.BgNbd, "no dropout" },
            { PurchaseModelKind.ParetoNbd, "no dropout" },
            { PurchaseModelKind.MbgNbd, "no dropout" },
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_fit_is_at_least_as_likely_as_a_Nelder_Mead_search_of_the_same_likelihood(
        PurchaseModelKind kind,
        string store
    )
    {
        var data =
            store == "cdnow"
                ? RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics())
                : Generated.NoDropout(3000, 5);
        var fit = PurchaseModelFitter.Fit(kind, data);

        // Nelder–Mead on the log-parameters in the data's own units, inside the fitter's bounds (rates scale with time,
        // which the fitter divides by max T / 10), from 1 in those units.
        var scale = data.Groups.Max(g => g.Age) / 10;
        var start = kind.ParameterNames().Select(_ => 0.0).ToArray();
        var bounds = (
            Lower: start.Select(_ => Math.Log(1e-4)).ToArray(),
            Upper: start.Select(_ => Math.Log(1e4)).ToArray()
        );
        foreach (var i in kind.TimeScaledParameters())
            (bounds.Lower[i], bounds.Upper[i]) = (bounds.Lower[i] + Math.Log(scale), bounds.Upper[i] + Math.Log(scale));
        var search = NelderMead.Minimize(
            theta =>
                -new PurchaseModelParameters(kind, theta.Select(Math.Exp).ToArray()).CreateModel().LogLikelihood(data)
                / data.CustomerCount,
            start,
            step: 1,
            bounds.Lower,
            bounds.Upper,
            tolerance: 1e-13,
            maxEvaluations: 50_000
        );
        var nelderMead = -search.Value * data.CustomerCount;

        output.WriteLine(
            $"{fit.Parameters} LL {fit.LogLikelihood:F4} in {fit.Evaluations} evaluations {fit.BoundNote}"
        );
        output.WriteLine(
            $"Nelder–Mead: LL {nelderMead:F4} in {search.Evaluations} evaluations at "
                + $"{string.Join(", ", search.Point.Select(v => Math.Exp(v).ToString("G5")))}"
        );
        Assert.True(fit.Converged, fit.FailureReason);
        Assert.True(
            fit.LogLikelihood >= nelderMead - 1e-3,
            $"quasi-Newton LL {fit.LogLikelihood} below Nelder–Mead's {nelderMead}"
        );
        Assert.True(fit.Evaluations < 100, $"{fit.Evaluations} evaluations");
        if (store == "cdnow")
            foreach (var (value, i) in fit.Parameters!.Values.Select((v, i) => (v, i)))
                Assert.Equal(Math.Exp(search.Point[i]), value, 2e-3 * value);
    }
}
