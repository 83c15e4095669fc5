using System.Text.RegularExpressions;

namespace Personalize.Common;

/// <summary>The shapes of the ids and codes the store accepts, checked alike by mutations and by imports.</summary>
public static partial class Formats
{
    /// <summary>Lower-case letters, digits and single dashes between them, e.g. <c>home-hero</c>.</summary>
    public static bool IsSlug(string value) => SlugPattern().IsMatch(value);

    /// <summary>Upper-case letters, digits, dashes and underscores, starting with a letter or digit, e.g.
    /// <c>WINBACK25</c>.</summary>
    public static bool IsCode(string value) => CodePattern().IsMatch(value);

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    /// <summary>Two letters (ISO 3166-1 alpha-2), any case.</summary>
    public static bool IsCountry(string value) => CountryPattern().IsMatch(value);

    /// <summary>A BCP 47 tag such as <c>fr-FR</c>.</summary>
    public static bool IsLocale(string value) => LocalePattern().IsMatch(value);

    /// <summary>Three letters (ISO 4217), any case.</summary>
    public static bool IsCurrency(string value) => CurrencyPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LocalePattern();

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CurrencyPattern();
}
