using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Personalize.Privacy;

/// <summary>
/// HMAC-SHA256 under the installation's secret, for values the store must recognise again but never show: a
/// caller's idempotency keys (which may hold an email address) and the audit log's reference to a customer. Without
/// the secret, a hash cannot be matched to a guessed id.
/// </summary>
public sealed class KeyedHash
{
    private readonly byte[] _secret;

    public KeyedHash(IOptions<PrivacyOptions> options)
    {
        var secret = options.Value.Secret is { Length: > 0 } configured ? configured : PrivacyOptions.DevelopmentSecret;
        if (secret.Length < PrivacyOptions.MinSecretLength)
            throw new InvalidOperationException(
                $"Privacy:Secret must be at least {PrivacyOptions.MinSecretLength} characters long."
            );
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>What is stored for a caller's idempotency key: 48 hex digits, the same for the same key.</summary>
    public string IdempotencyKey(string key) => Hash("idempotency", key)[..48];

    /// <summary>The audit log's reference to a customer id.</summary>
    public string Subject(string customerId) => Hash("subject", customerId);

    private string Hash(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(purpose + "\n" + value)));
}
