namespace Personalize.Lifetime;

/// <summary>
/// Settings of the maximum-likelihood fits. Bounds apply to every parameter after the data has been rescaled (time so
/// that the largest T is 10, money so that the mean spend is 1), which makes them independent of the units used.
/// </summary>
public sealed record ModelFitOptions
{
    public double LowerBound { get; init; } = 1e-4;
    public double UpperBound { get; init; } = 1e4;

    /// <summary>Relative tolerance on the mean log-likelihood per customer.</summary>
    public double Tolerance { get; init; } = 1e-12;
    public int MaxEvaluations { get; init; } = 20_000;

    /// <summary>
    /// L2 penalty c on the rescaled log-parameters: the search minimizes −(mean log-likelihood per customer) + c·Σ (ln
    /// θᵢ)² (like `lifetimes`' penalizer_coef, but on log-parameters, so it pulls towards the data's own scale). 0 =
    /// plain maximum likelihood.
    /// </summary>
    public double Penalizer { get; init; }

    public static ModelFitOptions Default { get; } = new();
}
