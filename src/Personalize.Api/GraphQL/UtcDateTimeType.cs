using System.Globalization;
using GraphQL.Types;

namespace Personalize.Api.GraphQL;

/// <summary>
/// The built-in DateTime scalar, written the same way everywhere: UTC, whole seconds ("2026-12-04T19:23:06Z"), whether
/// the time came from a file, a caller or the clock. Input is parsed as the built-in one does.
/// </summary>
public sealed class UtcDateTimeType : DateTimeGraphType
{
    public UtcDateTimeType()
    {
        Name = "DateTime";
        Description =
            "A date and time in ISO 8601. Written in UTC to the second (2026-12-04T19:23:06Z); read with "
            + "any offset and precision.";
    }

    public override object? Serialize(object? value) =>
        value switch
        {
            DateTime t => Format(
                t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()
            ),
            DateTimeOffset t => Format(t.UtcDateTime),
            _ => base.Serialize(value),
        };

    private static string Format(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
