using Personalize.Lifetime;
using Xunit.Abstractions;

namespace Personalize.Tests.Lifetime;

/// <summary>The L2 penalty on the rescaled log-parameters (<see cref="ModelFitOptions.Penalizer"/>): what it costs and
/// what it buys.</summary>
public sealed class PenalizerTests(ITestOutputHelper output)
{
    private static readonly double[] Coefficients = [0, 0.001, 0.01, 0.1];

    [Theory]
    [InlineData(PurchaseModelKind.BgNbd)]
    [InlineData(PurchaseModelKind.ParetoNbd)]
    [InlineData(PurchaseModelKind.MbgNbd)]
    public void On_CDNOW_a_larger_penalty_trades_likelihood_for_parameters_nearer_the_data_scale(PurchaseModelKind kind)
    {
        var data = RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics());
        var scale = data.Groups.Max(g => g.Age) / 10;
        double previousLl = double.PositiveInfinity,
            previousNorm = double.PositiveInfinity;
        foreach (var c in Coefficients)
        {
            var fit = PurchaseModelFitter.Fit(kind, data, options: ModelFitOptions.Default with { Penalizer = c });
            Assert.True(fit.Converged, fit.FailureReason);
            var norm = SquaredLogNorm(fit.Parameters!, scale);
            output.WriteLine($"penalizer {c}: {fit.Parameters} LL {fit.LogLikelihood:F1} Σ(ln θ)² {norm:F3}");
            // The reported log-likelihood is the unpenalized one: it can only fall as the penalty grows, and the
            // penalized norm too.
            Assert.True(fit.LogLikelihood <= previousLl + 1e-6, $"LL rose from {previousLl} to {fit.LogLikelihood}");
            Assert.True(norm <= previousNorm + 1e-6, $"Σ(ln θ)² rose from {previousNorm} to {norm}");
            Assert.Equal(fit.LogLikelihood, fit.Parameters!.CreateModel().LogLikelihood(data), 6);
            (previousLl, previousNorm) = (fit.LogLikelihood, norm);
        }
    }

    [Theory]
    [InlineData(PurchaseModelKind.BgNbd)]
    [InlineData(PurchaseModelKind.ParetoNbd)]
    public void Without_dropout_a_small_penalty_moves_the_fit_off_the_bound_and_everybody_stays_alive(
        PurchaseModelKind kind
    )
    {
        var data = NoDropout(customers: 3000, seed: 5);

        var plain = PurchaseModelFitter.Fit(kind, data);
        var penalized = PurchaseModelFitter.Fit(kind, data, options: ModelFitOptions.Default with { Penalizer = 0.01 });

        output.WriteLine($"plain: {plain.Parameters} LL {plain.LogLikelihood:F1} {plain.BoundNote}");
        output.WriteLine($"penalized: {penalized.Parameters} LL {penalized.LogLikelihood:F1} {penalized.BoundNote}");
        Assert.True(plain.Converged, plain.FailureReason);
        Assert.True(plain.OnBound);
        Assert.True(penalized.Converged, penalized.FailureReason);
        Assert.False(penalized.OnBound);
        Assert.True(penalized.LogLikelihood <= plain.LogLikelihood + 1e-6);
        // A customer who bought 5 times in 30 weeks, last in week 29: alive under both fits.
        Assert.True(plain.Parameters!.CreateModel().ProbabilityAlive(5, 29, 30) > 0.95);
        Assert.True(penalized.Parameters!.CreateModel().ProbabilityAlive(5, 29, 30) > 0.95);
    }

    private static double SquaredLogNorm(PurchaseModelParameters p, double scale)
    {
        var rescaled = p.Values.ToArray();
        rescaled[1] /= scale;
        if (p.Kind == PurchaseModelKind.ParetoNbd)
            rescaled[3] /= scale;
        return rescaled.Sum(v => Math.Log(v) * Math.Log(v));
    }

    private static RepeatPurchaseData NoDropout(int customers, int seed) => Generated.NoDropout(customers, seed);
}
