using Personalize.Common;

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

    /// <summary>The marketing channel that acquired the customer, a slug such as paid-search; null when unknown
    /// (Acquisition/).</summary>
    public string? AcquisitionChannel { get; set; }

    /// <summary>The campaign within that channel; null when unknown.</summary>
    public string? AcquisitionCampaign { get; set; }

    /// <summary>When the customer's personal data was erased (see Privacy/PrivacyService); null otherwise.</summary>
    public DateTime? ErasedAt { get; set; }

    // Order summary, kept current by every order recorded; it feeds the lifecycle stage and filters.
    public int OrderCount { get; set; }
    public decimal TotalSpent { get; set; }
    public DateTime? FirstOrderAt { get; set; }
    public DateTime? LastOrderAt { get; set; }

    public LifecycleStage Stage { get; set; } = LifecycleStage.Prospect;
    public DateTime StageChangedAt { get; set; }

    // Current lifetime-value scores (null until the customer is first scored): the score cache mirrors these,
    // and segment rules filter on them in SQL. Each snapshot also keeps its own copy (SnapshotScore).
    public long? ScoreSnapshotId { get; set; }
    public DateTime? ScoresAsOf { get; set; }
    public DateTime? ScoredAt { get; set; }

    /// <summary>BG/NBD x: repeat purchase days.</summary>
    public int? RepeatPurchases { get; set; }

    /// <summary>BG/NBD t_x, in the snapshot's time unit.</summary>
    public double? RecencyPeriods { get; set; }

    /// <summary>BG/NBD T, in the snapshot's time unit.</summary>
    public double? AgePeriods { get; set; }

    /// <summary>Mean spend per repeat purchase day (Gamma-Gamma input).</summary>
    public decimal? MonetaryValue { get; set; }
    public double? ProbabilityAlive { get; set; }

    /// <summary>Expected purchases over the snapshot's horizon.</summary>
    public double? ExpectedPurchases { get; set; }

    /// <summary>Discounted CLV over the snapshot's horizon.</summary>
    public decimal? PredictedClv { get; set; }
    public decimal? HistoricalClv { get; set; }
    public decimal? AverageOrderValue { get; set; }
    public decimal? ExpectedAverageOrderValue { get; set; }
    public int? RfmRecency { get; set; }
    public int? RfmFrequency { get; set; }
    public int? RfmMonetary { get; set; }

    /// <summary>R×100 + F×10 + M, e.g. 545.</summary>
    public int? RfmScore { get; set; }

    /// <summary>When the customer is overdue for their own purchase rhythm (last order + a multiple of their mean
    /// gap).</summary>
    public DateTime? RhythmDueAt { get; set; }

    /// <summary>The loyalty tier last announced by the event scan; null: the lowest tier, never announced.</summary>
    public string? AnnouncedTier { get; set; }

    /// <summary>The sequence number of the customer's last event (events/outbox).</summary>
    public long EventSequence { get; set; }
}
