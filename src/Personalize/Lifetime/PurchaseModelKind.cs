namespace Personalize.Lifetime;

/// <summary>The "buy till you die" purchase models fitted on (x, t_x, T).</summary>
public enum PurchaseModelKind
{
    /// <summary>BG/NBD (Fader, Hardie &amp; Lee 2005): dropout only right after a repeat purchase.</summary>
    BgNbd,

    /// <summary>Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987): exponential lifetimes in continuous
    /// time.</summary>
    ParetoNbd,

    /// <summary>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007): BG/NBD with dropout possible right after the first
    /// purchase too.</summary>
    MbgNbd,
}

public static class PurchaseModelKindExtensions
{
    public static IReadOnlyList<PurchaseModelKind> All { get; } =
    [PurchaseModelKind.BgNbd, PurchaseModelKind.ParetoNbd, PurchaseModelKind.MbgNbd];

    public static string DisplayName(this PurchaseModelKind kind) =>
        kind switch
        {
            PurchaseModelKind.BgNbd => "BG/NBD",
            PurchaseModelKind.ParetoNbd => "Pareto/NBD",
            PurchaseModelKind.MbgNbd => "MBG/NBD",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown purchase model."),
        };

    /// <summary>The parameter names, in the order of <see cref="PurchaseModelParameters.Values"/>.</summary>
    public static IReadOnlyList<string> ParameterNames(this PurchaseModelKind kind) =>
        kind switch
        {
            PurchaseModelKind.BgNbd or PurchaseModelKind.MbgNbd => ["r", "alpha", "a", "b"],
            PurchaseModelKind.ParetoNbd => ["r", "alpha", "s", "beta"],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown purchase model."),
        };

    /// <summary>The parameters measured in time units (gamma rate parameters), which scale with the time
    /// axis.</summary>
    internal static IReadOnlyList<int> TimeScaledParameters(this PurchaseModelKind kind) =>
        kind switch
        {
            PurchaseModelKind.ParetoNbd => [1, 3],
            _ => [1],
        };

    public static bool TryParse(string text, out PurchaseModelKind kind)
    {
        foreach (var k in All)
            if (
                string.Equals(text, k.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, k.DisplayName(), StringComparison.OrdinalIgnoreCase)
            )
            {
                kind = k;
                return true;
            }
        kind = default;
        return false;
    }
}
