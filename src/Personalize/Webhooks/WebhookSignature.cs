using System.Security.Cryptography;
using System.Text;

namespace Personalize.Webhooks;

/// <summary>
/// Standard Webhooks signing: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the secret's key
/// (the base64 after "whsec_"), sent as "v1,{base64}"; several signatures are separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public const string SecretRule = "must be \"whsec_\" followed by the base64 of 24 to 64 random bytes";

    public static bool IsSecret(string value)
    {
        if (!value.StartsWith(SecretPrefix, StringComparison.Ordinal))
            return false;
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value[SecretPrefix.Length..], buffer, out var length)
            && length is >= 24 and <= 64;
    }

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }

    /// <summary>The header value: one signature per secret.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, id, timestamp, body)));
}
