namespace Personalize.Segments;

/// <summary>A named group of customers defined by a rule: a stored customer filter.</summary>
public class Segment
{
    public long Id { get; set; }

    /// <summary>Public id, unique (lower-case letters, digits and dashes).</summary>
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The rule as JSON: exactly the `where:` argument the customers connection takes.</summary>
    public string RuleJson { get; set; } = "{}";
    public SegmentStatus Status { get; set; } = SegmentStatus.Active;

    /// <summary>Whether entering and leaving it are events (segment entered / left).</summary>
    public bool Tracked { get; set; }

    /// <summary>A customer who left and comes back within this many hours is a member again without a new entry event;
    /// null: every entry is announced.</summary>
    public int? ReentryCooldownHours { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum SegmentStatus
{
    [System.ComponentModel.Description("In use.")]
    Active,

    [System.ComponentModel.Description("Retired; kept for history, no longer used for targeting.")]
    Archived,
}

/// <summary>A customer's membership of a tracked segment, as last announced: entered at, and left at once they
/// left.</summary>
public class SegmentMember
{
    public long Id { get; set; }
    public long SegmentId { get; set; }
    public long CustomerId { get; set; }
    public DateTime EnteredAt { get; set; }
    public DateTime? LeftAt { get; set; }
}
