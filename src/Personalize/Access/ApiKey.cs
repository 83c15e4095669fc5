namespace Personalize.Access;

/// <summary>
/// A caller's API key. Only the SHA-256 hash of the key is stored; the key itself is shown once, when created.
/// </summary>
public class ApiKey
{
    public long Id { get; set; }

    /// <summary>Who holds the key, e.g. "storefront-web" (unique).</summary>
    public string Name { get; set; } = "";

    /// <summary>The key's first characters, to recognise it in lists and logs without revealing it.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Space-separated scopes, e.g. "storefront email".</summary>
    public string Scopes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
