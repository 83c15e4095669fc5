namespace Personalize.Lifetime;

/// <summary><paramref name="Count"/> customers sharing the same frequency x, recency t_x and age T.</summary>
public readonly record struct RepeatPurchaseGroup(int Frequency, double Recency, double Age, long Count);
