namespace Personalize.Lifetime;

/// <summary>The outcome of <see cref="LogParameterFit.Run"/>: rescaled parameters, unpenalized mean log-likelihood.</summary>
internal sealed record LogParameterFitResult(double[]? Parameters, double MeanLogLikelihood, int Evaluations, string? Failure, string? BoundNote);

/// <summary>Shared plumbing of the fits: minimize −(mean log-likelihood) over log-parameters, then judge the result.</summary>
internal static class LogParameterFit
{
    /// <remarks>
    /// With <see cref="ModelFitOptions.Penalizer"/> c &gt; 0 the search minimizes −(mean log-likelihood) + c·Σ (ln θᵢ)²
    /// over the rescaled parameters θ, which pulls a flat or unbounded direction back towards θ = 1 (the scale of the data);
    /// the log-likelihood reported is the unpenalized one at the point found. A maximum on a bound is not a failure:
    /// the parameters are returned with a note naming the bound, since it says something about the data (e.g. nobody drops out).
    /// </remarks>
    public static LogParameterFitResult Run(
        Func<double[], double> meanLogLikelihood, double[] start, IReadOnlyList<string> names, ModelFitOptions options)
    {
        var n = start.Length;
        var lower = Enumerable.Repeat(Math.Log(options.LowerBound), n).ToArray();
        var upper = Enumerable.Repeat(Math.Log(options.UpperBound), n).ToArray();
        if (start.Any(s => !(s > 0) || !double.IsFinite(s)))
            return new(null, double.NaN, 0, "The initial parameters must be positive and finite.", null);
        var penalizer = options.Penalizer;

        var result = NelderMead.Minimize(
            theta => -meanLogLikelihood(theta.Select(v => Math.Exp(v)).ToArray()) + penalizer * theta.Sum(v => v * v),
            start.Select(v => Math.Log(v)).ToArray(), step: 1.0, lower, upper, options.Tolerance, options.MaxEvaluations);
        var parameters = result.Point.Select(v => Math.Exp(v)).ToArray();
        var meanLl = penalizer == 0 ? -result.Value : meanLogLikelihood(parameters);

        if (!double.IsFinite(result.Value))
            return new(null, double.NaN, result.Evaluations, "The log-likelihood is not finite anywhere the search went.", null);
        if (!result.Converged)
            return new(parameters, meanLl, result.Evaluations,
                $"The optimizer did not converge within {options.MaxEvaluations} evaluations.", null);

        const double nearBound = 1e-3; // in log units, i.e. within 0.1 % of a bound
        var atBound = Enumerable.Range(0, n)
            .Where(i => result.Point[i] - lower[i] < nearBound || upper[i] - result.Point[i] < nearBound)
            .Select(i => $"{names[i]} = {parameters[i]:G4} (bounds [{options.LowerBound:G}, {options.UpperBound:G}] in rescaled units)")
            .ToList();
        var note = atBound.Count == 0 ? null
            : "The maximum likelihood lies on a bound, so the data does not identify every parameter: " + string.Join(", ", atBound) + ".";
        return new(parameters, meanLl, result.Evaluations, null, note);
    }
}
