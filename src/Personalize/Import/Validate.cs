using System.Text.RegularExpressions;

namespace Personalize.Import;

/// <summary>The shape checks shared by the kinds; each throws a <see cref="RowError"/> naming the column.</summary>
public static partial class Validate
{
    public static string Slug(string column, string value) =>
        SlugPattern().IsMatch(value) ? value : throw new RowError($"{column}: '{value}' is not a slug (lower-case letters, digits and dashes)");

    public static string? Email(string column, string? value) =>
        value is null || EmailPattern().IsMatch(value) ? value : throw new RowError($"{column}: '{value}' is not an email address");

    public static string? Country(string column, string? value) =>
        value is null ? null
        : value.Length == 2 && value.All(char.IsAsciiLetter) ? value.ToUpperInvariant()
        : throw new RowError($"{column}: '{value}' is not a 2-letter country code");

    public static string? Locale(string column, string? value) =>
        value is null || LocalePattern().IsMatch(value) ? value : throw new RowError($"{column}: '{value}' is not a locale such as fr-FR");

    public static string Currency(string column, string value) =>
        value.Length == 3 && value.All(char.IsAsciiLetter) ? value.ToUpperInvariant() : throw new RowError($"{column}: '{value}' is not a 3-letter currency code");

    public static string? Channel(string column, string? value) =>
        value is not null && Acquisition.AcquisitionRules.ChannelProblem(value) is { } problem ? throw new RowError($"{column}: {problem}") : value;

    public static string? Campaign(string column, string? value) =>
        value is not null && Acquisition.AcquisitionRules.CampaignProblem(value) is { } problem ? throw new RowError($"{column}: {problem}") : value;

    public static T MaxLength<T>(string column, T value, int max) where T : class? =>
        value is string s && s.Length > max ? throw new RowError($"{column}: longer than {max} characters") : value;

    public static decimal NotNegative(string column, decimal value) =>
        value >= 0 ? value : throw new RowError($"{column}: {value} is negative");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LocalePattern();
}
