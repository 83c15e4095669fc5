using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

/// <summary>
/// The fits follow analytic gradients of the grouped log-likelihoods: each is checked here against central differences
/// of the log-likelihood itself, on the CDNOW sample and on a store without dropout, at points in every branch
/// (Pareto/NBD with α ≥ β and α &lt; β, and β far above α, where the series gives way to the connection formula).
/// </summary>
public sealed class LikelihoodGradientTests
{
    private static readonly Lazy<RepeatPurchaseData> Cdnow = new(() =>
        RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics())
    );
    private static readonly Lazy<RepeatPurchaseData> NoDropout = new(() =>
        Generated.NoDropout(customers: 2000, seed: 9)
    );

    public static TheoryData<string, PurchaseModelKind, double[]> Points =>
        new()
        {
            { "cdnow", PurchaseModelKind.BgNbd, [0.243, 4.414, 0.793, 2.426] },
            { "cdnow", PurchaseModelKind.BgNbd, [1.5, 0.8, 0.05, 40] },
            { "cdnow", PurchaseModelKind.MbgNbd, [0.525, 6.18, 0.891, 1.61] },
            { "cdnow", PurchaseModelKind.MbgNbd, [0.2, 20, 3, 0.5] },
            { "cdnow", PurchaseModelKind.ParetoNbd, [0.553, 10.578, 0.606, 11.669] },
            { "cdnow", PurchaseModelKind.ParetoNbd, [0.553, 11.669, 0.606, 10.578] },
            { "cdnow", PurchaseModelKind.ParetoNbd, [2.5, 0.7, 1.8, 0.3] },
            { "no dropout", PurchaseModelKind.BgNbd, [2, 20, 1e-4, 1e4] },
            { "no dropout", PurchaseModelKind.MbgNbd, [2, 20, 0.01, 300] },
            { "no dropout", PurchaseModelKind.ParetoNbd, [2, 20, 1e-3, 4e4] },
            { "no dropout", PurchaseModelKind.ParetoNbd, [1, 20, 0.05, 900] },
        };

    [Theory]
    [MemberData(nameof(Points))]
    public void The_analytic_gradient_matches_central_differences(string data, PurchaseModelKind kind, double[] point)
    {
        var columns = new RepeatPurchaseColumns((data == "cdnow" ? Cdnow : NoDropout).Value.Groups);
        double Mean(double[] p, double[]? gradient) =>
            kind switch
            {
                PurchaseModelKind.BgNbd => BetaGeometricLikelihood.Mean(columns, p, 0, gradient),
                PurchaseModelKind.MbgNbd => BetaGeometricLikelihood.Mean(columns, p, 1, gradient),
                _ => ParetoNbdModel.MeanLogLikelihood(columns, p, gradient),
            };

        var analytic = new double[4];
        Mean(point, analytic);

        AssertMatchesDifferences(analytic, p => Mean(p, null), point);
    }

    [Fact]
    public void The_Gamma_Gamma_gradient_matches_central_differences()
    {
        var spend = SpendData.FromStatistics(CdnowSample.CalibrationStatistics());
        foreach (var point in new double[][] { [6.25, 3.74, 15.44], [0.5, 12, 1.5], [40, 0.8, 300] })
        {
            var analytic = new double[3];
            GammaGammaModel.MeanLogLikelihood(
                spend.Groups,
                new GammaGammaParameters(point[0], point[1], point[2]),
                analytic
            );
            AssertMatchesDifferences(
                analytic,
                p => GammaGammaModel.MeanLogLikelihood(spend.Groups, new GammaGammaParameters(p[0], p[1], p[2]), null),
                point
            );
        }
    }

    [Theory]
    [InlineData(PurchaseModelKind.BgNbd)]
    [InlineData(PurchaseModelKind.ParetoNbd)]
    [InlineData(PurchaseModelKind.MbgNbd)]
    public void The_grouped_likelihood_is_the_sum_of_the_customers_own(PurchaseModelKind kind)
    {
        foreach (var data in new[] { Cdnow.Value, NoDropout.Value })
        {
            var model = Model(kind, kind == PurchaseModelKind.ParetoNbd ? [0.8, 12, 0.4, 9] : [0.8, 12, 0.6, 3]);
            var sum = data.Groups.Sum(g => g.Count * model.LogLikelihood(g.Frequency, g.Recency, g.Age));
            Assert.Equal(sum, model.LogLikelihood(data), 1e-9 * Math.Abs(sum));
        }
    }

    [Fact]
    public void Digamma_matches_known_values_and_the_derivative_of_ln_gamma()
    {
        const double euler = 0.57721566490153286;
        Assert.Equal(-euler, SpecialFunctions.Digamma(1), 14);
        Assert.Equal(-euler - 2 * Math.Log(2), SpecialFunctions.Digamma(0.5), 14);
        Assert.Equal(SpecialFunctions.Digamma(0.37) + 1 / 0.37, SpecialFunctions.Digamma(1.37), 13);
        foreach (var x in new[] { 1e-3, 0.2, 3.7, 11, 250, 4e4 })
        {
            var h = 1e-5 * x;
            var derivative = (SpecialFunctions.LogGamma(x + h) - SpecialFunctions.LogGamma(x - h)) / (2 * h);
            Assert.Equal(derivative, SpecialFunctions.Digamma(x), 1e-6 * Math.Max(1, Math.Abs(derivative)));
        }
    }

    private static IPurchaseModel Model(PurchaseModelKind kind, double[] p) =>
        new PurchaseModelParameters(kind, p).CreateModel();

    // ∂f/∂ ln θᵢ by central differences in ln θᵢ.
    private static void AssertMatchesDifferences(double[] analytic, Func<double[], double> f, double[] point)
    {
        for (var i = 0; i < point.Length; i++)
        {
            const double h = 1e-5;
            var (up, down) = ((double[])point.Clone(), (double[])point.Clone());
            up[i] *= Math.Exp(h);
            down[i] *= Math.Exp(-h);
            var numeric = (f(up) - f(down)) / (2 * h);
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= 1e-6 * Math.Max(1e-3, Math.Abs(numeric)) + 1e-9,
                $"parameter {i} of [{string.Join(", ", point)}]: analytic {analytic[i]:E6}, differences {numeric:E6}"
            );
        }
    }
}

/// <summary>Stores generated from a known process, as grouped (x, t_x, T) with purchase days rounded to whole
/// days.</summary>
internal static class Generated
{
    /// <summary>Poisson purchases at λ ~ Gamma(2, 20) per week for ever, 13 weekly cohorts observed to week
    /// 39.</summary>
    public static RepeatPurchaseData NoDropout(int customers, int seed)
    {
        var random = new Random(seed);
        var data = new RepeatPurchaseData();
        for (var i = 0; i < customers; i++)
        {
            var T = 39 - i % 13;
            var lambda = Scores.Sampling.Gamma(random, 2) / 20;
            int x = 0;
            double t = 0,
                tx = 0;
            while ((t += -Math.Log(1 - random.NextDouble()) / lambda) <= T)
                (x, tx) = (x + 1, t);
            data.Add(x, x == 0 ? 0 : Math.Round(tx * 7) / 7, T);
        }
        return data;
    }
}
