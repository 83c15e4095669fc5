namespace Personalize.Api.Security;

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
