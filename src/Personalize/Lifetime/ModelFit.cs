namespace Personalize.Lifetime;

/// <summary>
/// The outcome of a maximum-likelihood fit. When <see cref="Converged"/> is false, <see cref="FailureReason"/> says
/// why, and <see cref="Parameters"/> (the best point found, if any) must not be used for predictions.
/// A converged fit may still lie on a bound of the search (<see cref="BoundNote"/>): usable, but some parameter is
/// not identified by the data (e.g. a dropout rate of zero).
/// </summary>
public sealed record ModelFit<TParameters>(
    bool Converged,
    TParameters? Parameters,
    double LogLikelihood,
    long CustomerCount,
    int Evaluations,
    string? FailureReason,
    string? BoundNote = null
)
    where TParameters : class
{
    public bool OnBound => BoundNote is not null;

    /// <exception cref="ModelFitException">The fit did not converge.</exception>
    public TParameters GetParametersOrThrow() =>
        Converged && Parameters is not null
            ? Parameters
            : throw new ModelFitException(FailureReason ?? "The fit failed.");

    internal static ModelFit<TParameters> Failure(
        string reason,
        long customers,
        TParameters? best = null,
        double logLikelihood = double.NaN,
        int evaluations = 0
    ) => new(false, best, logLikelihood, customers, evaluations, reason);
}
