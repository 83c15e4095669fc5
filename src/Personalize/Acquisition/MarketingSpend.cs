namespace Personalize.Acquisition;

/// <summary>
/// What one acquisition channel cost in one calendar month. (Channel, Month) is unique: recording the same month and
/// channel again replaces the amount, so re-sending a month is safe.
/// </summary>
public class MarketingSpend
{
    public long Id { get; set; }

    /// <summary>The channel, a slug such as paid-search (the value customers carry in AcquisitionChannel).</summary>
    public string Channel { get; set; } = "";

    /// <summary>The first day of the month, 00:00 UTC.</summary>
    public DateTime Month { get; set; }

    /// <summary>In the store's currency, as order amounts are.</summary>
    public decimal Amount { get; set; }
    public DateTime UpdatedAt { get; set; }
}
