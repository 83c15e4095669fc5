namespace Personalize.Targeting;

/// <summary>
/// What one kind calls the parts of its targeting in its API and its CSV files, so that a message names the field the
/// caller sent: content speaks of a publication window and target segments, offers of validity and eligibility.
/// </summary>
public sealed record TargetingNames(string Stages, string Segments, string Channels, string From, string Until)
{
    public static readonly TargetingNames ContentInput = new(
        "targetStages",
        "targetSegments",
        "channels",
        "publishFrom",
        "publishUntil"
    );
    public static readonly TargetingNames ContentColumns = new(
        "target_stages",
        "target_segments",
        "channels",
        "publish_from",
        "publish_until"
    );
    public static readonly TargetingNames OfferInput = new(
        "eligibleStages",
        "eligibleSegments",
        "channels",
        "validFrom",
        "validUntil"
    );
    public static readonly TargetingNames OfferColumns = new(
        "eligible_stages",
        "eligible_segments",
        "channels",
        "valid_from",
        "valid_until"
    );
}
