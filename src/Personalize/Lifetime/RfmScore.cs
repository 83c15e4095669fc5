namespace Personalize.Lifetime;

/// <summary>Quintile scores from 1 (worst) to 5 (best).</summary>
public readonly record struct RfmScore(int Recency, int Frequency, int Monetary)
{
    /// <summary>R·100 + F·10 + M, e.g. 545.</summary>
    public int Combined => Recency * 100 + Frequency * 10 + Monetary;

    /// <summary>The combined score as a three-digit code, e.g. "545".</summary>
    public string Code => Combined.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
