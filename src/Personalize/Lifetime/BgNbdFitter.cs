namespace Personalize.Lifetime;

/// <summary>Maximum-likelihood estimation of <see cref="BgNbdParameters"/> from grouped (x, t_x, T): <see
/// cref="PurchaseModelFitter"/> for BG/NBD.</summary>
public static class BgNbdFitter
{
    /// <param name="data">The customers, grouped.</param>
    /// <param name="start">Initial parameters in the data's time unit; by default r = α = a = b = 1 on the rescaled time axis.</param>
    public static ModelFit<BgNbdParameters> Fit(
        RepeatPurchaseData data,
        BgNbdParameters? start = null,
        ModelFitOptions? options = null
    )
    {
        var fit = PurchaseModelFitter.Fit(
            PurchaseModelKind.BgNbd,
            data,
            start is null
                ? null
                : new PurchaseModelParameters(PurchaseModelKind.BgNbd, start.R, start.Alpha, start.A, start.B),
            options
        );
        var parameters = fit.Parameters is { Values: var v } ? new BgNbdParameters(v[0], v[1], v[2], v[3]) : null;
        return new ModelFit<BgNbdParameters>(
            fit.Converged,
            parameters,
            fit.LogLikelihood,
            fit.CustomerCount,
            fit.Evaluations,
            fit.FailureReason,
            fit.BoundNote
        );
    }
}
