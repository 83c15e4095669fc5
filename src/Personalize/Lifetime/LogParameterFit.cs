namespace Personalize.Lifetime;

/// <summary>Shared plumbing of the fits: minimize −(mean log-likelihood) over log-parameters, then judge the result.</summary>
internal static class LogParameterFit
{
    public static (double[]? Parameters, double MeanLogLikelihood, int Evaluations, string? Failure) Run(
        Func<double[], double> meanLogLikelihood, double[] start, string[] names, ModelFitOptions options)
    {
        var n = start.Length;
        var lower = Enumerable.Repeat(Math.Log(options.LowerBound), n).ToArray();
        var upper = Enumerable.Repeat(Math.Log(options.UpperBound), n).ToArray();
        if (start.Any(s => !(s > 0) || !double.IsFinite(s)))
            return (null, double.NaN, 0, "The initial parameters must be positive and finite.");

        var result = NelderMead.Minimize(
            theta => -meanLogLikelihood(theta.Select(v => Math.Exp(v)).ToArray()),
            start.Select(v => Math.Log(v)).ToArray(), step: 1.0, lower, upper, options.Tolerance, options.MaxEvaluations);
        var parameters = result.Point.Select(v => Math.Exp(v)).ToArray();

        if (!double.IsFinite(result.Value))
            return (null, double.NaN, result.Evaluations, "The log-likelihood is not finite anywhere the search went.");
        if (!result.Converged)
            return (parameters, -result.Value, result.Evaluations,
                $"The optimizer did not converge within {options.MaxEvaluations} evaluations.");

        const double nearBound = 1e-3; // in log units, i.e. within 0.1 % of a bound
        var atBound = Enumerable.Range(0, n)
            .Where(i => result.Point[i] - lower[i] < nearBound || upper[i] - result.Point[i] < nearBound)
            .Select(i => $"{names[i]} = {parameters[i]:G4} (bounds [{options.LowerBound:G}, {options.UpperBound:G}] in rescaled units)")
            .ToList();
        if (atBound.Count > 0)
            return (parameters, -result.Value, result.Evaluations,
                "The maximum likelihood lies on a bound, so the data does not identify the model: " + string.Join(", ", atBound) + ".");
        return (parameters, -result.Value, result.Evaluations, null);
    }
}
