namespace Personalize.Lifetime;

/// <summary><paramref name="Count"/> repeat customers sharing the same frequency x and mean spend z̄.</summary>
public readonly record struct SpendGroup(int Frequency, double MeanSpend, long Count);
