using System.Security.Cryptography;
using System.Text;

namespace Personalize.Import;

/// <summary>
/// Keys derived from a row's content, so a re-imported row without a key of its own is recognised. They are stored,
/// like every idempotency key, as a <see cref="Privacy.KeyedHash"/>.
/// </summary>
public static class IdempotencyKeys
{
    public static string FromParts(string prefix, params object?[] parts)
    {
        var text = string.Join(
            '|',
            parts.Select(p =>
                p switch
                {
                    DateTime d => d.ToString("O"),
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => p?.ToString() ?? "",
                }
            )
        );
        return prefix + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }

    /// <summary>Which of the keys are stored already, for an entity with an IdempotencyKey column.</summary>
    public static async Task<HashSet<string>> ExistingAsync(
        IQueryable<string?> storedKeys,
        IEnumerable<string> keys,
        CancellationToken cancellationToken
    )
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(1000))
        foreach (
            var k in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                storedKeys.Where(k => chunk.Contains(k!)),
                cancellationToken
            )
        )
            found.Add(k!);
        return found;
    }
}
