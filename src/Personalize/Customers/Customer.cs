using Personalize.Lifecycle;

namespace Personalize.Customers;

/// <summary>A customer of the store, known by the caller's own id.</summary>
public class Customer
{
    public long Id { get; set; }

    /// <summary>The caller's own customer id (unique).</summary>
    public string ExternalId { get; set; } = "";
    public string? Email { get; set; }
    public string? Name { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code, upper case.</summary>
    public string? Country { get; set; }
    /// <summary>BCP 47 locale, e.g. fr-FR.</summary>
    public string? Locale { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool ConsentPersonalization { get; set; }
    public bool ConsentEmailMarketing { get; set; }

    // Order summary, kept current by every order recorded; it feeds the lifecycle stage and filters.
    public int OrderCount { get; set; }
    public decimal TotalSpent { get; set; }
    public DateTime? FirstOrderAt { get; set; }
    public DateTime? LastOrderAt { get; set; }

    public LifecycleStage Stage { get; set; } = LifecycleStage.Prospect;
    public DateTime StageChangedAt { get; set; }

    public List<Orders.Order> Orders { get; set; } = [];
}
