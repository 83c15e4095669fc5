namespace Personalize.Experiments;

/// <summary>
/// A randomized test of offers or content: customers are split between weighted variants (one of them the control),
/// optionally after setting a holdout share aside. Variants and holdout are fixed once the experiment starts, so the
/// split of a customer never changes.
/// </summary>
public class Experiment
{
    public long Id { get; set; }

    /// <summary>Public id and hashing salt (a slug); never changes, so assignments stay put.</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public ExperimentSubject Subject { get; set; }
    public ExperimentStatus Status { get; set; } = ExperimentStatus.Draft;

    /// <summary>Share of customers (0 to 0.5) who get no variant at all, to measure the effect of the whole
    /// program.</summary>
    public double HoldoutShare { get; set; }
    public List<ExperimentVariant> Variants { get; set; } = [];

    /// <summary>Days after a customer's exposure during which their orders count for the experiment's revenue and order
    /// metrics.</summary>
    public int AttributionWindowDays { get; set; } = ExperimentService.DefaultAttributionWindowDays;

    /// <summary>How new customers are split between the variants.</summary>
    public ExperimentAllocation Allocation { get; set; } = ExperimentAllocation.Fixed;

    /// <summary>Thompson sampling: exposures split by weight before the bandit takes over.</summary>
    public int BurnInExposures { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? StoppedAt { get; set; }
}

/// <summary>One arm of an experiment: what its customers are shown.</summary>
public class ExperimentVariant
{
    public long Id { get; set; }
    public long ExperimentId { get; set; }

    /// <summary>Unique within the experiment (a slug), e.g. "control" or "ten-percent".</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Relative share of the non-holdout customers.</summary>
    public int Weight { get; set; }
    public bool IsControl { get; set; }

    /// <summary>The offer this variant shows (offer experiments); null for "no offer".</summary>
    public long? OfferId { get; set; }

    /// <summary>The content item this variant shows (content experiments); null for "no content".</summary>
    public long? ContentItemId { get; set; }
}

/// <summary>The first time a customer was shown an experiment; one row per customer and experiment.</summary>
public class ExperimentExposure
{
    public long Id { get; set; }
    public long ExperimentId { get; set; }
    public long CustomerId { get; set; }

    /// <summary>Null when the customer is in the holdout.</summary>
    public long? VariantId { get; set; }
    public DateTime ExposedAt { get; set; }
}

/// <summary>A conversion of an exposed customer (a purchase, a sign-up...), with its value.</summary>
public class ExperimentConversion
{
    public long Id { get; set; }
    public long ExperimentId { get; set; }
    public long CustomerId { get; set; }
    public long? VariantId { get; set; }
    public decimal Value { get; set; }
    public DateTime ConvertedAt { get; set; }
    public string? IdempotencyKey { get; set; }
}

public enum ExperimentSubject
{
    [System.ComponentModel.Description("Variants show different offers (or none).")]
    Offer,

    [System.ComponentModel.Description("Variants show different content (or none).")]
    Content,
}

public enum ExperimentAllocation
{
    [System.ComponentModel.Description(
        "Every customer by the assignment hash and the variants' weights, fixed for the whole experiment."
    )]
    Fixed,

    [System.ComponentModel.Description(
        "After the burn-in, new customers go to each variant with the probability that "
            + "it converts best (Thompson sampling, Beta-Bernoulli on conversions); a customer's arm never changes."
    )]
    ThompsonSampling,
}

public enum ExperimentStatus
{
    [System.ComponentModel.Description("Being prepared: variants may change; nobody is assigned.")]
    Draft,

    [System.ComponentModel.Description("Assigning customers and logging exposures and conversions.")]
    Running,

    [System.ComponentModel.Description("Finished: no new exposures; results stay readable.")]
    Stopped,
}
