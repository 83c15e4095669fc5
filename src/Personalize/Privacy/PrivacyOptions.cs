namespace Personalize.Privacy;

/// <summary>Bound from the "Privacy" section.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>The installation's secret for keyed hashes (idempotency keys, audit subjects); required in Production,
    /// 32 characters at least.</summary>
    public string? Secret { get; set; }

    /// <summary>The shortest secret accepted.</summary>
    public const int MinSecretLength = 32;

    /// <summary>Outside Production, without a configured secret: hashes are keyed, but with a key anyone can read
    /// here.</summary>
    public const string DevelopmentSecret = "personalize-development-secret-not-for-production";
}
