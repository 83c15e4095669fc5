using System.Globalization;

namespace Personalize.Querying;

/// <summary>
/// Converts a value from a GraphQL argument (already coerced: enums, DateTime, numbers) or from stored JSON
/// (strings, numbers) to the type a field needs.
/// </summary>
internal static class ValueConverter
{
    public static object? Convert(object? raw, Type type, string path)
    {
        if (raw is null)
            return null;
        if (type.IsInstanceOfType(raw))
            return raw is DateTime d ? AsUtc(d) : raw;
        try
        {
            if (type == typeof(string))
                return raw as string ?? throw Wrong(path, raw, "a string");
            if (type.IsEnum)
            {
                if (raw is string text && GraphQLNames.TryParseEnum(type, text, out var parsed))
                    return parsed;
                throw Wrong(
                    path,
                    raw,
                    $"one of {string.Join(", ", Enum.GetNames(type).Select(GraphQLNames.ToConstantCase))}"
                );
            }
            if (type == typeof(DateTime))
                return raw switch
                {
                    DateTimeOffset offset => offset.UtcDateTime,
                    string text => DateTimeOffset
                        .Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                        .UtcDateTime,
                    _ => throw Wrong(path, raw, "a date-time"),
                };
            if (type == typeof(bool))
                return raw switch
                {
                    string text => bool.Parse(text),
                    _ => throw Wrong(path, raw, "true or false"),
                };
            if (raw is string)
                throw Wrong(path, raw, "a number");
            return System.Convert.ChangeType(raw, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw Wrong(path, raw, type == typeof(int) || type == typeof(long) ? "a whole number" : "a number");
        }
    }

    public static string? ToText(object? raw) =>
        raw switch
        {
            null => null,
            Enum e => GraphQLNames.EnumValueName(e),
            _ => System.Convert.ToString(raw, CultureInfo.InvariantCulture),
        };

    private static DateTime AsUtc(DateTime value) =>
        value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };

    private static QueryException Wrong(string path, object raw, string expected) =>
        new(
            path,
            raw switch
            {
                System.Collections.IDictionary => $"an object is not {expected}.",
                System.Collections.IEnumerable and not string => $"a list is not {expected}.",
                _ => $"'{ToText(raw)}' is not {expected}.",
            }
        );
}
