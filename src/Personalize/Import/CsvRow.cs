using System.Globalization;
using CsvHelper;
using Personalize.Common;

namespace Personalize.Import;

/// <summary>The current CSV record, read by column name with the parsing rules every kind shares.</summary>
public sealed class CsvRow
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;

    internal CsvRow(CsvReader csv, Dictionary<string, int> columns) => (_csv, _columns) = (csv, columns);

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The record's line in the file (the header is line 1).</summary>
    public long Line => _csv.Parser.RawRow;

    /// <summary>The trimmed value, or null when the column is absent or the field empty.</summary>
    public string? Text(string column)
    {
        if (!_columns.TryGetValue(column, out var index) || index >= _csv.Parser.Count)
            return null;
        var value = _csv.Parser[index]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string Required(string column) => Text(column) ?? throw new RowError($"{column}: is required");

    public decimal? Decimal(string column) => Text(column) is { } s ? ParseDecimal(column, s) : null;

    public decimal RequiredDecimal(string column) => ParseDecimal(column, Required(column));

    public int? Int(string column)
    {
        var s = Text(column);
        if (s is null)
            return null;
        if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            return n;
        // Integers exported as floats ("17850.0") are common.
        if (
            decimal.TryParse(
                s,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var d
            )
            && d == decimal.Truncate(d)
            && d is >= int.MinValue and <= int.MaxValue
        )
            return (int)d;
        throw new RowError($"{column}: '{s}' is not a whole number");
    }

    public DateTime? Date(string column) => Text(column) is { } s ? ParseDate(column, s) : null;

    public DateTime RequiredDate(string column) => ParseDate(column, Required(column));

    public bool Bool(string column) =>
        Text(column)?.ToLowerInvariant() switch
        {
            null or "false" or "no" or "n" or "0" => false,
            "true" or "yes" or "y" or "1" => true,
            var s => throw new RowError($"{column}: '{s}' is not a boolean (true/false, yes/no, 1/0)"),
        };

    /// <summary>A pipe-separated list ("a|b|c"), empty entries dropped.</summary>
    public IReadOnlyList<string> List(string column) =>
        Text(column)?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>An enum written in snake_case ("add_to_cart", "case_study").</summary>
    public TEnum Enum<TEnum>(string column, TEnum? whenEmpty = null)
        where TEnum : struct, System.Enum
    {
        var s = Text(column);
        if (s is null)
            return whenEmpty ?? throw new RowError($"{column}: is required");
        return ParseEnum<TEnum>(column, s);
    }

    /// <summary>Pipe-separated stages ("new|active|at_risk"); empty means every stage.</summary>
    public Common.LifecycleStageSet Stages(string column) =>
        List(column)
            .Aggregate(Common.LifecycleStageSet.None, (set, s) =>
                set | (Common.LifecycleStageSet)(1 << (int)ParseEnum<Common.LifecycleStage>(column, s))
            );

    /// <summary>Pipe-separated channels ("web|app|email"); empty means all channels.</summary>
    public Common.ChannelSet Channels(string column)
    {
        var set = List(column)
            .Aggregate(Common.ChannelSet.None, (set, s) =>
                set | (Common.ChannelSet)(1 << (int)ParseEnum<Common.Channel>(column, s))
            );
        return set == Common.ChannelSet.None ? Common.ChannelSet.All : set;
    }

    public static TEnum ParseEnum<TEnum>(string column, string s)
        where TEnum : struct, System.Enum
    {
        if (
            !char.IsDigit(s[0])
            && System.Enum.TryParse<TEnum>(s.Replace("_", "").Replace("-", ""), ignoreCase: true, out var value)
        )
            return value;
        var allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(SnakeCase));
        throw new RowError($"{column}: '{s}' is not one of {allowed}");
    }

    public static string SnakeCase(string pascal) =>
        string.Concat(
            pascal.Select(
                (c, i) =>
                    i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()
            )
        );

    public static decimal ParseDecimal(string column, string s) =>
        decimal.TryParse(
            s,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture,
            out var d
        )
            ? d
            : throw new RowError($"{column}: '{s}' is not a number");

    /// <summary>ISO 8601; UTC is assumed when the value has no offset. Returned in UTC.</summary>
    public static DateTime ParseDate(string column, string s) =>
        DateTimeOffset.TryParse(
            s,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var d
        )
            ? d.UtcDateTime
            : throw new RowError($"{column}: '{s}' is not an ISO 8601 date");
}
