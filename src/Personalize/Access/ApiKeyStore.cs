using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Access;

/// <summary>A key as shown in lists: never the key itself.</summary>
public sealed record ApiKeyInfo(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTime CreatedAt,
    DateTime? RevokedAt
);

/// <summary>Creates, lists, revokes and checks API keys. Keys are 256 random bits; only their SHA-256 is
/// stored.</summary>
public sealed class ApiKeyStore(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
{
    public const string KeyPrefix = "pz_";

    /// <summary>Creates a key and returns it: the only time the key itself is available.</summary>
    public async Task<(string Key, ApiKeyInfo Info)> CreateAsync(
        string name,
        IReadOnlyList<string> scopes,
        CancellationToken cancellationToken = default
    )
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new ArgumentException("A key's name has 1 to 100 characters.", nameof(name));
        if (scopes.Count == 0 || scopes.Any(s => !Scopes.All.Contains(s)))
            throw new ArgumentException(
                $"Give one or more scopes among {string.Join(", ", Scopes.All)}.",
                nameof(scopes)
            );

        var key =
            KeyPrefix
            + Convert
                .ToBase64String(RandomNumberGenerator.GetBytes(32))
                .TrimEnd('=')
                .Replace('+', '-')
                .Replace('/', '_');
        var stored = new ApiKey
        {
            Name = name,
            Prefix = key[..10],
            Hash = Hash(key),
            Scopes = string.Join(' ', scopes),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
            throw new ArgumentException(
                $"An active key named '{name}' exists; revoke it first or choose another name.",
                nameof(name)
            );
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return (key, ToInfo(stored));
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await db.ApiKeys.OrderBy(k => k.Id).ToListAsync(cancellationToken)).Select(ToInfo).ToList();
    }

    /// <summary>Revokes the active keys with this name or prefix; returns how many were revoked.</summary>
    public async Task<int> RevokeAsync(string nameOrPrefix, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db
            .ApiKeys.Where(k => k.RevokedAt == null && (k.Name == nameOrPrefix || k.Prefix == nameOrPrefix))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
    }

    /// <summary>The active key matching <paramref name="key"/>, or null.</summary>
    public async Task<ApiKeyInfo?> FindActiveAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
            return null;
        var hash = Hash(key);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApiKeys.FirstOrDefaultAsync(
            k => k.Hash == hash && k.RevokedAt == null,
            cancellationToken
        );
        return stored is null ? null : ToInfo(stored);
    }

    private static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static ApiKeyInfo ToInfo(ApiKey k) =>
        new(
            k.Id,
            k.Name,
            k.Prefix,
            k.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            k.CreatedAt,
            k.RevokedAt
        );
}
