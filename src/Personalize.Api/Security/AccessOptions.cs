namespace Personalize.Api.Security;

/// <summary>Bound from the "Access" section.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// Outside Production, callers on this machine (loopback, or in-process test clients) that send no credentials
    /// act as admin, so `dotnet run` stays easy. Ignored in Production: there every request needs a key or a token.
    /// </summary>
    public bool AnonymousLocalAdmin { get; set; } = true;

    /// <summary>JWT bearer tokens; off while <see cref="JwtOptions.SigningKey"/> is empty.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Origins allowed to call the API from a browser (CORS); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>How long a checked API key is remembered before the database is asked again (a revocation takes effect within it).</summary>
    public int KeyCacheSeconds { get; set; } = 30;
}

public sealed class JwtOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>Symmetric HMAC-SHA256 key (at least 32 bytes of text).</summary>
    public string? SigningKey { get; set; }
}

/// <summary>Bound from the "RateLimit" section: a token bucket per API key, token subject or client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>
    /// Requests a caller regains every <see cref="PeriodSeconds"/>; 0 turns rate limiting off. One storefront key
    /// serves every visitor of a shop, so the default leaves room for a busy one; set it per deployment.
    /// </summary>
    public int Permits { get; set; } = 1_000;

    public int PeriodSeconds { get; set; } = 1;

    /// <summary>Requests a caller may make at once after being idle (the bucket's size).</summary>
    public int Burst { get; set; } = 2_000;
}
