namespace Personalize.Import.OnlineRetail;

/// <summary>The country names of the Online Retail log, as ISO 3166-1 alpha-2 codes; the rest (Unspecified, European
/// Community) map to null.</summary>
internal static class CountryCodes
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United Kingdom"] = "GB",
        ["Germany"] = "DE",
        ["France"] = "FR",
        ["EIRE"] = "IE",
        ["Spain"] = "ES",
        ["Netherlands"] = "NL",
        ["Belgium"] = "BE",
        ["Switzerland"] = "CH",
        ["Portugal"] = "PT",
        ["Australia"] = "AU",
        ["Norway"] = "NO",
        ["Italy"] = "IT",
        ["Channel Islands"] = "JE",
        ["Finland"] = "FI",
        ["Cyprus"] = "CY",
        ["Sweden"] = "SE",
        ["Austria"] = "AT",
        ["Denmark"] = "DK",
        ["Japan"] = "JP",
        ["Poland"] = "PL",
        ["Israel"] = "IL",
        ["USA"] = "US",
        ["Hong Kong"] = "HK",
        ["Singapore"] = "SG",
        ["Iceland"] = "IS",
        ["Canada"] = "CA",
        ["Greece"] = "GR",
        ["Malta"] = "MT",
        ["United Arab Emirates"] = "AE",
        ["RSA"] = "ZA",
        ["Lebanon"] = "LB",
        ["Lithuania"] = "LT",
        ["Brazil"] = "BR",
        ["Czech Republic"] = "CZ",
        ["Bahrain"] = "BH",
        ["Saudi Arabia"] = "SA",
    };

    public static string? Of(string? name) => name is not null && ByName.TryGetValue(name, out var code) ? code : null;
}
