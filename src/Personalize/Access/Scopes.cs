namespace Personalize.Access;

/// <summary>What a caller may do. A key or token carries one or more; <see cref="Admin"/> may do everything.</summary>
public static class Scopes
{
    /// <summary>Personalization, recommendations and offers for one given customer id; no listing, no PII.</summary>
    public const string Storefront = "storefront";

    /// <summary>Batch reads for a send, with the email address and name needed to address the message.</summary>
    public const string Email = "email";

    /// <summary>KPIs, segments, counts and customer lists without PII.</summary>
    public const string Analytics = "analytics";

    /// <summary>Everything: mutations, PII, export and erasure.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Storefront, Email, Analytics, Admin];

    /// <summary>The scopes in a list such as "storefront,email" or "storefront email"; unknown names are returned in
    /// <paramref name="unknown"/>.</summary>
    public static IReadOnlyList<string> Parse(string? text, out IReadOnlyList<string> unknown)
    {
        var names = (text ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .Distinct()
            .ToList();
        unknown = names.Where(n => !All.Contains(n)).ToList();
        return names.Where(All.Contains).ToList();
    }
}
