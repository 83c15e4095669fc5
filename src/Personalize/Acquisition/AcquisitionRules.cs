using System.Globalization;
using System.Text.RegularExpressions;

namespace Personalize.Acquisition;

/// <summary>The shape of channels, campaigns, months and amounts, shared by the mutations and the CSV import.</summary>
public static partial class AcquisitionRules
{
    public const int MaxChannelLength = 64;
    public const int MaxCampaignLength = 128;
    public const decimal MaxMonthlyAmount = 1_000_000_000m;

    /// <returns>Null when the channel is fine, else why not.</returns>
    public static string? ChannelProblem(string channel) =>
        channel.Length > MaxChannelLength
            ? $"is {channel.Length} characters long; at most {MaxChannelLength} are allowed."
        : ChannelPattern().IsMatch(channel) ? null
        : $"'{channel}' is not a channel: use a slug of lower-case letters, digits and single dashes, e.g. "
            + "'paid-search'.";

    public static string? CampaignProblem(string campaign) =>
        campaign.Length > MaxCampaignLength
            ? $"is {campaign.Length} characters long; at most {MaxCampaignLength} are allowed."
        : campaign.Any(char.IsControl) ? "must not contain control characters."
        : null;

    public static string? AmountProblem(decimal amount) =>
        amount < 0 ? $"is {amount.ToString(CultureInfo.InvariantCulture)}; spend cannot be negative."
        : amount > MaxMonthlyAmount
            ? $"is {amount.ToString(CultureInfo.InvariantCulture)}; at most {MaxMonthlyAmount:0} a month is allowed."
        : null;

    /// <summary>"2026-10" as the first day of that month, UTC; null when the text is not such a month.</summary>
    public static DateTime? ParseMonth(string text) =>
        MonthPattern().IsMatch(text)
        && DateTime.TryParseExact(
            text + "-01",
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out var month
        )
            ? DateTime.SpecifyKind(month, DateTimeKind.Utc)
            : null;

    public static string FormatMonth(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public const string MonthExample = "a month as YYYY-MM, e.g. '2026-10'";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ChannelPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex MonthPattern();
}
