namespace Personalize.Lifetime;

/// <summary>
/// BG/NBD parameters: purchase rates λ ~ Gamma(shape <paramref name="R"/>, rate <paramref name="Alpha"/>) and dropout
/// probabilities p ~ Beta(<paramref name="A"/>, <paramref name="B"/>). Alpha is in the time unit of the data it was
/// fitted on.
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B);
