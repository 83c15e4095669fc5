using Personalize.Common;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Content;

/// <summary>Something to show a customer: an article, a guide, a video, a product...</summary>
public class ContentItem : ITargeted
{
    public long Id { get; set; }

    /// <summary>Public id, unique, chosen by the caller (lower-case letters, digits and dashes).</summary>
    public string Slug { get; set; } = "";
    public ContentKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string? Url { get; set; }
    public string? ImageUrl { get; set; }
    public List<ContentTag> Tags { get; set; } = [];

    /// <summary>Stages this item is meant for; None means every stage.</summary>
    public LifecycleStageSet TargetStages { get; set; }
    public List<Segment> TargetSegments { get; set; } = [];
    public ChannelSet Channels { get; set; } = ChannelSet.All;
    public string? Locale { get; set; }
    public DateTime? PublishFrom { get; set; }
    public DateTime? PublishUntil { get; set; }
    public ContentStatus Status { get; set; } = ContentStatus.Draft;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // Targeting, in the words content uses: target stages and segments, a publication window.
    LifecycleStageSet ITargeted.Stages
    {
        get => TargetStages;
        set => TargetStages = value;
    }
    List<Segment> ITargeted.Segments
    {
        get => TargetSegments;
        set => TargetSegments = value;
    }
    DateTime? ITargeted.From
    {
        get => PublishFrom;
        set => PublishFrom = value;
    }
    DateTime? ITargeted.Until
    {
        get => PublishUntil;
        set => PublishUntil = value;
    }
}

public class ContentTag
{
    public long ContentItemId { get; set; }
    public string Tag { get; set; } = "";
}

public enum ContentKind
{
    [System.ComponentModel.Description("An article or blog post.")]
    Article,

    [System.ComponentModel.Description("A buying or how-to guide.")]
    Guide,

    [System.ComponentModel.Description("A step-by-step tutorial.")]
    Tutorial,

    [System.ComponentModel.Description("A customer case study.")]
    CaseStudy,

    [System.ComponentModel.Description("A live or recorded webinar.")]
    Webinar,

    [System.ComponentModel.Description("A video.")]
    Video,

    [System.ComponentModel.Description("A user-generated testimonial or review.")]
    Testimonial,

    [System.ComponentModel.Description("A product highlight.")]
    Product,
}

public enum ContentStatus
{
    [System.ComponentModel.Description("Being written; never shown.")]
    Draft,

    [System.ComponentModel.Description("Shown within its publication window.")]
    Published,

    [System.ComponentModel.Description("Retired; never shown.")]
    Archived,
}
