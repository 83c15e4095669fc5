using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Personalize.Querying;

/// <summary>
/// A cursor holds the sort-key values of a row and its id (base64url of a JSON array), plus the names of the keys,
/// so that a cursor from one order is refused with another instead of silently skipping rows.
/// </summary>
internal static class KeysetCursor
{
    public static string Encode(IReadOnlyList<SortKey> keys, IReadOnlyList<object?> values, long id)
    {
        var payload = new List<object?> { Signature(keys) };
        payload.AddRange(values);
        payload.Add(id);
        return Base64Url.EncodeToString(
            Encoding.UTF8.GetBytes(FilterJson.Serialize(new Dictionary<string, object?> { ["k"] = payload }))
        );
    }

    /// <exception cref="QueryException">The text is not a cursor of this order.</exception>
    public static (object?[] Values, long Id) Decode(
        string cursor,
        IReadOnlyList<SortKey> keys,
        IReadOnlyList<Type> types,
        string path
    )
    {
        List<object?> payload;
        try
        {
            var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            payload = FilterJson.Parse(json)["k"] as List<object?> ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or QueryException)
        {
            throw new QueryException(path, "not a cursor this API issued.");
        }
        if (payload.Count != keys.Count + 2 || payload[0] as string != Signature(keys) || payload[^1] is not long id)
            throw new QueryException(path, "this cursor belongs to another order or list; start again without it.");
        var values = new object?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
            values[i] = ValueConverter.Convert(payload[i + 1], Nullable.GetUnderlyingType(types[i]) ?? types[i], path);
        return (values, id);
    }

    private static string Signature(IReadOnlyList<SortKey> keys) =>
        string.Join(",", keys.Select(k => $"{k.Field.Name}:{(k.Direction == SortDirection.Asc ? "a" : "d")}"));
}
