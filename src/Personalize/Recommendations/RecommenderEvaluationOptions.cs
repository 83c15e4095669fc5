using Personalize.Content;

namespace Personalize.Recommendations;

/// <summary>
/// An offline evaluation: every recommender learns from the signals strictly before <see cref="Cutoff"/> (midnight UTC)
/// and is judged on the items each customer took in the <see cref="WindowDays"/> days from it.
/// </summary>
public sealed record RecommenderEvaluationOptions(DateOnly Cutoff, int WindowDays = 30)
{
    /// <summary>The list length judged (HR@K, NDCG@K...).</summary>
    public int K { get; init; } = 10;

    /// <summary>
    /// Kinds a customer takes again: products are (in a retail log most of next month's basket is repurchases). Items
    /// of other kinds taken before the cut-off are neither recommended nor counted as hits. A second protocol, "new
    /// items only", treats no kind as repeatable, when this set is not empty.
    /// </summary>
    public IReadOnlySet<ContentKind> RepeatableKinds { get; init; } = new HashSet<ContentKind> { ContentKind.Product };

    public RecommenderOptions Recommender { get; init; } = RecommenderOptions.Default;

    /// <summary>The selection run beside the evaluation (what training as of the cut-off would serve) and the grids of
    /// the tuned models.</summary>
    public SelectionOptions Selection { get; init; } = new();

    public DateTime CutoffTime => Cutoff.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    public DateTime WindowEnd => CutoffTime.AddDays(WindowDays);
}
