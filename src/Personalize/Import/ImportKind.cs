namespace Personalize.Import;

/// <summary>What a file holds. Segments are read from JSON; every other kind from CSV.</summary>
public enum ImportKind
{
    Customers,
    Orders,
    Interactions,
    Content,
    Offers,
    Surveys,
    Segments,
    Spend,
}

/// <summary>How an import treats bad rows, unknown customers and order sources.</summary>
public sealed record ImportOptions
{
    /// <summary>Import the valid rows even when some rows are bad (they are reported and counted).</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>An order, interaction or survey answer for an unknown customer is a bad row instead of creating the
    /// customer.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Customers this import creates (from orders, interactions or survey answers) consent to personalization. Off by
    /// default: opt-in is the safe default, and customers without consent are served non-personal bestsellers. Only
    /// for a file whose customers did consent elsewhere; customers already stored keep their recorded consent.
    /// </summary>
    public bool ConsentPersonalization { get; init; }

    /// <summary>Where orders come from; (source, order id) is unique.</summary>
    public string Source { get; init; } = Orders.Order.DefaultSource;

    /// <summary>Rows written per SaveChanges.</summary>
    public int BatchSize { get; init; } = 4000;

    /// <summary>Recompute customer summaries and stages after the import (the demo seeder does it once at the end
    /// instead).</summary>
    public bool RefreshCustomerSummaries { get; init; } = true;

    /// <summary>The stage refresh date; null means now.</summary>
    public DateTime? StagesAsOf { get; init; }

    /// <summary>Stamp for CreatedAt/UpdatedAt of catalog rows; null means now. Fixed by the demo seeder so that its
    /// data is deterministic.</summary>
    public DateTime? Now { get; init; }
}

/// <summary>Running totals, reported after every batch.</summary>
public sealed record ImportProgress(long RowsRead, long Imported, long Skipped, long Bad);

/// <summary>A row that could not be imported, with its line number in the file (the header is line 1).</summary>
public sealed record BadRow(long Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
