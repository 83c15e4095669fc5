namespace Personalize.Lifetime;

/// <summary>
/// Gamma-Gamma parameters: a transaction's value ~ Gamma(shape <paramref name="P"/>, rate ν) with ν ~ Gamma(shape
/// <paramref name="Q"/>, rate <paramref name="Gamma"/>). Gamma is in the currency of the data it was fitted on.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double Gamma);
