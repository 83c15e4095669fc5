namespace Personalize.Lifetime;

/// <summary>Maximum-likelihood estimation of any <see cref="PurchaseModelKind"/> from grouped (x, t_x, T).</summary>
public static class PurchaseModelFitter
{
    private const double RescaledMaxAge = 10;

    /// <param name="start">Initial parameters in the data's time unit; by default every parameter is 1 on the rescaled time axis.</param>
    /// <remarks>
    /// Time is rescaled by s = max T / 10 during the search: the rate parameters (α, and β for Pareto/NBD) scale with s
    /// and the log-likelihood shifts by −Σx·ln s, both undone in the result.
    /// </remarks>
    public static ModelFit<PurchaseModelParameters> Fit(
        PurchaseModelKind kind,
        RepeatPurchaseData data,
        PurchaseModelParameters? start = null,
        ModelFitOptions? options = null
    )
    {
        options ??= ModelFitOptions.Default;
        if (start is not null && start.Kind != kind)
            start = null;
        var customers = data.CustomerCount;
        if (customers == 0)
            return ModelFit<PurchaseModelParameters>.Failure("There are no customers to fit.", 0);
        if (data.RepeatCustomerCount == 0)
            return ModelFit<PurchaseModelParameters>.Failure(
                "Nobody made a repeat purchase, so purchase rates and dropout cannot be told apart.",
                customers
            );
        var groups = data.Groups;
        var maxAge = groups.Max(g => g.Age);
        if (maxAge <= 0)
            return ModelFit<PurchaseModelParameters>.Failure(
                "Every customer has T = 0: there is no observation time.",
                customers
            );

        var scale = maxAge / RescaledMaxAge;
        var columns = new RepeatPurchaseColumns(groups, scale);
        var repeatPurchases = groups.Sum(g => (double)g.Count * g.Frequency);
        var timeScaled = kind.TimeScaledParameters();
        var names = kind.ParameterNames();
        var initial = start is null ? Enumerable.Repeat(1.0, names.Count).ToArray() : start.Values.ToArray();
        if (start is not null)
            foreach (var i in timeScaled)
                initial[i] /= scale;

        MeanLogLikelihood meanLogLikelihood = kind switch
        {
            PurchaseModelKind.BgNbd => (q, gradient) => BetaGeometricLikelihood.Mean(columns, q, 0, gradient),
            PurchaseModelKind.MbgNbd => (q, gradient) => BetaGeometricLikelihood.Mean(columns, q, 1, gradient),
            PurchaseModelKind.ParetoNbd => (q, gradient) => ParetoNbdModel.MeanLogLikelihood(columns, q, gradient),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown purchase model."),
        };
        var run = LogParameterFit.Run(meanLogLikelihood, analyticGradient: true, initial, names, options);

        PurchaseModelParameters? parameters = null;
        if (run.Parameters is { } p)
        {
            foreach (var i in timeScaled)
                p[i] *= scale;
            parameters = new PurchaseModelParameters(kind, p);
        }
        var ll = run.MeanLogLikelihood * customers - repeatPurchases * Math.Log(scale);
        return run.Failure is null
            ? new ModelFit<PurchaseModelParameters>(
                true,
                parameters,
                ll,
                customers,
                run.Evaluations,
                null,
                run.BoundNote
            )
            : ModelFit<PurchaseModelParameters>.Failure(run.Failure, customers, parameters, ll, run.Evaluations);
    }
}
