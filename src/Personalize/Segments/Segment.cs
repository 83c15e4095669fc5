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
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum SegmentStatus
{
    [System.ComponentModel.Description("In use.")] Active,
    [System.ComponentModel.Description("Retired; kept for history, no longer used for targeting.")] Archived,
}
