using Personalize.Common;

namespace Personalize.Import;

/// <summary>Checks of a CSV cell, shared by the kinds; each throws a <see cref="RowError"/> naming the
/// column.</summary>
public static class Cells
{
    public static string Slug(string column, string value) =>
        Formats.IsSlug(value)
            ? value
            : throw new RowError($"{column}: '{value}' is not a slug (lower-case letters, digits and dashes)");

    public static string? Email(string column, string? value) =>
        value is null || Formats.IsEmail(value)
            ? value
            : throw new RowError($"{column}: '{value}' is not an email address");

    public static string? Country(string column, string? value) =>
        value is null ? null
        : Formats.IsCountry(value) ? value.ToUpperInvariant()
        : throw new RowError($"{column}: '{value}' is not a 2-letter country code");

    public static string? Locale(string column, string? value) =>
        value is null || Formats.IsLocale(value)
            ? value
            : throw new RowError($"{column}: '{value}' is not a locale such as fr-FR");

    public static string Currency(string column, string value) =>
        Formats.IsCurrency(value)
            ? value.ToUpperInvariant()
            : throw new RowError($"{column}: '{value}' is not a 3-letter currency code");

    public static string? Channel(string column, string? value) =>
        value is not null && Acquisition.AcquisitionRules.ChannelProblem(value) is { } problem
            ? throw new RowError($"{column}: {problem}")
            : value;

    public static string? Campaign(string column, string? value) =>
        value is not null && Acquisition.AcquisitionRules.CampaignProblem(value) is { } problem
            ? throw new RowError($"{column}: {problem}")
            : value;

    public static T MaxLength<T>(string column, T value, int max)
        where T : class? =>
        value is string s && s.Length > max ? throw new RowError($"{column}: longer than {max} characters") : value;

    public static decimal NotNegative(string column, decimal value) =>
        value >= 0 ? value : throw new RowError($"{column}: {value} is negative");
}
