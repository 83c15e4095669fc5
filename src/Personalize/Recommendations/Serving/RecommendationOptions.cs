using Personalize.Content;

namespace Personalize.Recommendations.Serving;

/// <summary>Training and serving settings, bound from the "Recommendations" section.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    /// <summary>Candidates precomputed and cached per customer (the re-ranker's best, before the rules).</summary>
    public int CandidatesPerCustomer { get; set; } = 50;

    /// <summary>Customers sampled per label window to train the re-ranker on (the demo store seeding uses 600 to start
    /// quickly).</summary>
    public int TrainingCustomers { get; set; } = 4000;

    /// <summary>Length of the non-personal lists stored with a model (popularity per stage, trending).</summary>
    public int ListSize { get; set; } = 100;

    /// <summary>Model versions kept in the database; older ones are deleted by <c>recommender train</c>.</summary>
    public int KeepVersions { get; set; } = 3;

    /// <summary>How often the service looks for a newer model, content or placement changes (three small
    /// queries).</summary>
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>Kinds a customer may be shown again after taking them; items of other kinds they took are filtered
    /// out.</summary>
    public ContentKind[] RepeatableKinds { get; set; } = [ContentKind.Product];

    /// <summary>Content targeted at the customer's stage gets its score multiplied by 1 + this.</summary>
    public double StageBoost { get; set; } = 0.5;

    /// <summary>An item published (or created) less than this many days ago is new.</summary>
    public int NewItemDays { get; set; } = 30;

    /// <summary>Share of each list's slots (rounded up, when the list has at least 4) given to one new item the model
    /// cannot know yet.</summary>
    public double NewItemShare { get; set; } = 0.1;

    /// <summary>Largest <c>first</c> a caller may ask for.</summary>
    public int MaxFirst { get; set; } = 50;

    /// <summary>How training chooses the recommender it serves (validation window, minimums, grids).</summary>
    public SelectionOptions Selection { get; set; } = new();

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(Math.Max(1, RefreshSeconds));
}
