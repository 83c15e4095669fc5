namespace Personalize.Lifetime;

/// <summary>Maximum-likelihood estimation of <see cref="GammaGammaParameters"/> from repeat customers' (x,
/// z̄).</summary>
public static class GammaGammaFitter
{
    /// <param name="start">Initial parameters in the data's currency; by default p = q = γ = 1 with spend rescaled to a mean of 1.</param>
    /// <remarks>
    /// Spend is rescaled by its mean s during the search: γ scales with s and the log-likelihood shifts by −N·ln s,
    /// both undone in the result.
    /// </remarks>
    public static ModelFit<GammaGammaParameters> Fit(
        SpendData data,
        GammaGammaParameters? start = null,
        ModelFitOptions? options = null
    )
    {
        options ??= ModelFitOptions.Default;
        var customers = data.CustomerCount;
        if (customers == 0)
            return ModelFit<GammaGammaParameters>.Failure(
                "There are no repeat customers with a positive spend to fit.",
                0
            );
        var groups = data.Groups;
        if (groups.Count == 1)
            return ModelFit<GammaGammaParameters>.Failure(
                "All repeat customers have the same (x, z̄): spend heterogeneity cannot be estimated.",
                customers
            );

        var scale = groups.Sum(g => g.Count * g.MeanSpend) / customers;
        var scaled = groups.Select(g => g with { MeanSpend = g.MeanSpend / scale }).ToArray();
        double[] initial = start is null ? [1, 1, 1] : [start.P, start.Q, start.Gamma / scale];

        var run = LogParameterFit.Run(
            (v, gradient) =>
                GammaGammaModel.MeanLogLikelihood(scaled, new GammaGammaParameters(v[0], v[1], v[2]), gradient),
            analyticGradient: true,
            initial,
            ["p", "q", "gamma"],
            options
        );
        var (p, meanLl, evaluations, failure) = (run.Parameters, run.MeanLogLikelihood, run.Evaluations, run.Failure);

        var parameters = p is null ? null : new GammaGammaParameters(p[0], p[1], p[2] * scale);
        var logLikelihood = meanLl * customers - customers * Math.Log(scale);
        return failure is null
            ? new ModelFit<GammaGammaParameters>(
                true,
                parameters,
                logLikelihood,
                customers,
                evaluations,
                null,
                run.BoundNote
            )
            : ModelFit<GammaGammaParameters>.Failure(failure, customers, parameters, logLikelihood, evaluations);
    }
}
