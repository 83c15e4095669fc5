using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Personalize.Querying;

/// <summary>
/// Stores a `where:` value as JSON (a segment's rule) and reads it back in the shape a GraphQL argument has:
/// objects as dictionaries, lists, strings, numbers, booleans. Enum values are written with their GraphQL names
/// and dates in ISO 8601, so a stored rule reads like the query that made it.
/// </summary>
public static class FilterJson
{
    public static string Serialize(IReadOnlyDictionary<string, object?> filter)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, filter);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyDictionary<string, object?> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement) as IReadOnlyDictionary<string, object?>
            ?? throw new QueryException("rule", "a rule is a JSON object.");
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case Enum e:
                writer.WriteStringValue(GraphQLNames.EnumValueName(e));
                break;
            case DateTime d:
                writer.WriteStringValue(
                    DateTime
                        .SpecifyKind(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d, DateTimeKind.Utc)
                        .ToString("O", CultureInfo.InvariantCulture)
                );
                break;
            case DateTimeOffset d:
                writer.WriteStringValue(d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case int or long or short or byte:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double or float:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    if (item is null)
                        continue;
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static object? Read(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value)),
            JsonValueKind.Array => element.EnumerateArray().Select(Read).ToList(),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDecimal(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
}
