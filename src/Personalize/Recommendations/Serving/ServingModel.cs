using System.Text.Json;
using Personalize.Common;

namespace Personalize.Recommendations.Serving;

/// <summary>An item of a stored list and its score (recency-weighted popularity).</summary>
public readonly record struct RankedItem(long ItemId, float Score);

/// <summary>The non-personal lists a model version carries: bestsellers per lifecycle stage and overall
/// (trending).</summary>
public sealed record ServingLists(IReadOnlyDictionary<LifecycleStage, RankedItem[]> ByStage, RankedItem[] Trending)
{
    public static readonly ServingLists Empty = new(new Dictionary<LifecycleStage, RankedItem[]>(), []);

    public RankedItem[] For(LifecycleStage stage) =>
        ByStage.TryGetValue(stage, out var items) && items.Length > 0 ? items : Trending;

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static ServingLists FromBytes(byte[] bytes) => JsonSerializer.Deserialize<ServingLists>(bytes) ?? Empty;
}

/// <summary>The model version the service answers with. Immutable: a newer version replaces the whole object.</summary>
public sealed record ServingModel(long Version, DateTime AsOf, DateTime TrainedAt, ServingLists Lists)
{
    /// <summary>Which recommender this version serves, why, and every candidate's validation figures.</summary>
    public ModelSelection Selection { get; init; } = ModelSelection.None;

    /// <summary>Before any training: no candidates, no popularity; stage-targeted and new content only.</summary>
    public static readonly ServingModel None = new(0, DateTime.MinValue, DateTime.MinValue, ServingLists.Empty);
}
