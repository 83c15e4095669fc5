namespace Personalize.Lifetime;

/// <summary>One purchase: when, how much, and the gross margin on it when known (same currency as the
/// amount).</summary>
public readonly record struct CustomerTransaction(DateTime Time, decimal Amount, decimal? Margin = null);
