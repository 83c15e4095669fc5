namespace Personalize.Lifetime;

/// <summary>
/// The outcome of a maximum-likelihood fit. When <see cref="Converged"/> is false, <see cref="FailureReason"/> says
/// why, and <see cref="Parameters"/> (the best point found, if any) must not be used for predictions.
/// </summary>
public sealed record ModelFit<TParameters>(
    bool Converged,
    TParameters? Parameters,
    double LogLikelihood,
    long CustomerCount,
    int Evaluations,
    string? FailureReason)
    where TParameters : class
{
    /// <exception cref="ModelFitException">The fit did not converge.</exception>
    public TParameters GetParametersOrThrow() =>
        Converged && Parameters is not null ? Parameters : throw new ModelFitException(FailureReason ?? "The fit failed.");

    internal static ModelFit<TParameters> Failure(string reason, long customers, TParameters? best = null,
        double logLikelihood = double.NaN, int evaluations = 0) =>
        new(false, best, logLikelihood, customers, evaluations, reason);
}
