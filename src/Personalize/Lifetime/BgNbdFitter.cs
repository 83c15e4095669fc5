namespace Personalize.Lifetime;

/// <summary>Maximum-likelihood estimation of <see cref="BgNbdParameters"/> from grouped (x, t_x, T).</summary>
public static class BgNbdFitter
{
    private const double RescaledMaxAge = 10;

    /// <param name="data">The customers, grouped.</param>
    /// <param name="start">Initial parameters in the data's time unit; by default r = α = a = b = 1 on the rescaled time axis.</param>
    /// <remarks>
    /// Time is rescaled by s = max T / 10 during the search: α scales with s and the log-likelihood shifts by
    /// −Σx·ln s, both undone in the result, so it reports α and the log-likelihood in the data's own unit.
    /// </remarks>
    public static ModelFit<BgNbdParameters> Fit(RepeatPurchaseData data, BgNbdParameters? start = null, ModelFitOptions? options = null)
    {
        options ??= ModelFitOptions.Default;
        var groups = data.Groups;
        var customers = data.CustomerCount;
        if (customers == 0)
            return ModelFit<BgNbdParameters>.Failure("There are no customers to fit.", 0);
        if (data.RepeatCustomerCount == 0)
            return ModelFit<BgNbdParameters>.Failure(
                "Nobody made a repeat purchase, so purchase rates and dropout cannot be told apart.", customers);
        var maxAge = groups.Max(g => g.Age);
        if (maxAge <= 0)
            return ModelFit<BgNbdParameters>.Failure("Every customer has T = 0: there is no observation time.", customers);

        var scale = maxAge / RescaledMaxAge;
        var scaled = groups.Select(g => g with { Recency = g.Recency / scale, Age = g.Age / scale }).ToArray();
        var repeatPurchases = groups.Sum(g => (double)g.Count * g.Frequency);
        double[] initial = start is null ? [1, 1, 1, 1] : [start.R, start.Alpha / scale, start.A, start.B];

        var run = LogParameterFit.Run(
            q => BgNbdModel.LogLikelihood(new BgNbdParameters(q[0], q[1], q[2], q[3]), scaled) / customers,
            initial, ["r", "alpha", "a", "b"], options);
        var (p, meanLl, evaluations, failure) = (run.Parameters, run.MeanLogLikelihood, run.Evaluations, run.Failure);

        var parameters = p is null ? null : new BgNbdParameters(p[0], p[1] * scale, p[2], p[3]);
        var logLikelihood = meanLl * customers - repeatPurchases * Math.Log(scale);
        return failure is null
            ? new ModelFit<BgNbdParameters>(true, parameters, logLikelihood, customers, evaluations, null, run.BoundNote)
            : ModelFit<BgNbdParameters>.Failure(failure, customers, parameters, logLikelihood, evaluations);
    }
}
