namespace Personalize.Lifetime;

/// <summary>The outcome of <see cref="LogParameterFit.Run"/>: rescaled parameters, unpenalized mean
/// log-likelihood.</summary>
internal sealed record LogParameterFitResult(
    double[]? Parameters,
    double MeanLogLikelihood,
    int Evaluations,
    string? Failure,
    string? BoundNote
);

/// <summary>
/// The mean log-likelihood per customer at rescaled parameters θ; when <paramref name="gradient"/> is not null and the
/// model has an analytic gradient, it also writes ∂/∂ ln θᵢ there.
/// </summary>
internal delegate double MeanLogLikelihood(double[] parameters, double[]? gradient);

/// <summary>Shared plumbing of the fits: minimize −(mean log-likelihood) over log-parameters, then judge the
/// result.</summary>
internal static class LogParameterFit
{
    private const double GradientStep = 1e-5; // in log units

    /// <remarks>
    /// With <see cref="ModelFitOptions.Penalizer"/> c &gt; 0 the search minimizes −(mean log-likelihood) + c·Σ (ln θᵢ)²
    /// over the rescaled parameters θ, which pulls a flat or unbounded direction back towards θ = 1 (the scale of the
    /// data); the log-likelihood reported is the unpenalized one at the point found. A maximum on a bound is not a
    /// failure: the parameters are returned with a note naming the bound, since it says something about the data (e.g.
    /// nobody drops out).
    /// </remarks>
    /// <param name="analyticGradient">Whether <paramref name="meanLogLikelihood"/> writes its gradient; otherwise it is taken by central differences.</param>
    public static LogParameterFitResult Run(
        MeanLogLikelihood meanLogLikelihood,
        bool analyticGradient,
        double[] start,
        IReadOnlyList<string> names,
        ModelFitOptions options
    )
    {
        var n = start.Length;
        var lower = Enumerable.Repeat(Math.Log(options.LowerBound), n).ToArray();
        var upper = Enumerable.Repeat(Math.Log(options.UpperBound), n).ToArray();
        if (start.Any(s => !(s > 0) || !double.IsFinite(s)))
            return new(null, double.NaN, 0, "The initial parameters must be positive and finite.", null);
        var penalizer = options.Penalizer;
        var evaluations = 0;
        double Objective(double[] theta, double[]? gradient)
        {
            evaluations++;
            var value =
                -meanLogLikelihood(theta.Select(v => Math.Exp(v)).ToArray(), gradient)
                + penalizer * theta.Sum(v => v * v);
            if (gradient is not null)
                for (var i = 0; i < n; i++)
                    gradient[i] = -gradient[i] + 2 * penalizer * theta[i];
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }
        double WithGradient(double[] theta, double[] gradient)
        {
            if (analyticGradient)
                return Objective(theta, gradient);
            var value = Objective(theta, null);
            var point = (double[])theta.Clone();
            for (var i = 0; i < n; i++)
            {
                // Central differences, one-sided at a bound.
                var (up, down) = (
                    Math.Min(theta[i] + GradientStep, upper[i]),
                    Math.Max(theta[i] - GradientStep, lower[i])
                );
                point[i] = up;
                var fUp = up > theta[i] ? Objective(point, null) : value;
                point[i] = down;
                var fDown = down < theta[i] ? Objective(point, null) : value;
                point[i] = theta[i];
                gradient[i] = (fUp - fDown) / (up - down);
            }
            return value;
        }

        // Quasi-Newton first; when it cannot finish (a kink, a wall of non-finite values), Nelder–Mead from its best
        // point.
        var quasiNewton = QuasiNewton.Minimize(WithGradient, start.Select(v => Math.Log(v)).ToArray(), lower, upper);
        var result = quasiNewton.Converged
            ? quasiNewton
            : NelderMead.Minimize(
                theta => Objective(theta, null),
                double.IsFinite(quasiNewton.Value) ? quasiNewton.Point : start.Select(v => Math.Log(v)).ToArray(),
                step: 1.0,
                lower,
                upper,
                options.Tolerance,
                Math.Max(1, options.MaxEvaluations - evaluations)
            );
        result = result with { Evaluations = evaluations };
        var parameters = result.Point.Select(v => Math.Exp(v)).ToArray();
        var meanLl = penalizer == 0 ? -result.Value : meanLogLikelihood(parameters, null);

        if (!double.IsFinite(result.Value))
            return new(
                null,
                double.NaN,
                result.Evaluations,
                "The log-likelihood is not finite anywhere the search went.",
                null
            );
        if (!result.Converged)
            return new(
                parameters,
                meanLl,
                result.Evaluations,
                $"The optimizer did not converge within {options.MaxEvaluations} evaluations.",
                null
            );

        const double nearBound = 1e-3; // in log units, i.e. within 0.1 % of a bound
        var atBound = Enumerable
            .Range(0, n)
            .Where(i => result.Point[i] - lower[i] < nearBound || upper[i] - result.Point[i] < nearBound)
            .Select(i =>
                $"{names[i]} = {parameters[i]:G4} (bounds [{options.LowerBound:G}, {options.UpperBound:G}] in "
                + "rescaled units)"
            )
            .ToList();
        var note =
            atBound.Count == 0
                ? null
                : "The maximum likelihood lies on a bound, so the data does not identify every parameter: "
                    + string.Join(", ", atBound)
                    + ".";
        return new(parameters, meanLl, result.Evaluations, null, note);
    }
}
