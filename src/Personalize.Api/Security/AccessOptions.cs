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

    /// <summary>How long a checked API key is remembered before the database is asked again (a revocation takes effect
    /// within it).</summary>
    public int KeyCacheSeconds { get; set; } = 30;
}
