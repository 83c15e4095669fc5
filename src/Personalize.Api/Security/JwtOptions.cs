namespace Personalize.Api.Security;

public sealed class JwtOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }

    /// <summary>Symmetric HMAC-SHA256 key (at least 32 bytes of text).</summary>
    public string? SigningKey { get; set; }
}
