using Personalize.Common;

namespace Personalize.Recommendations;

/// <summary>Bestsellers among the customers in the same lifecycle stage (as of the cut-off), topped up with global
/// ones.</summary>
public sealed class StagePopularityRecommender : IRecommender
{
    private readonly SignalMatrix _matrix;
    private readonly PopularityRecommender _global;
    private readonly PopularityRecommender[] _byStage;

    public StagePopularityRecommender(SignalMatrix matrix, PopularityRecommender global)
    {
        (_matrix, _global) = (matrix, global);
        _byStage = Enum.GetValues<LifecycleStage>()
            .Select(stage => new PopularityRecommender(
                matrix,
                c => matrix.Customer(c).Stage == stage,
                $"popularity-{stage}"
            ))
            .ToArray();
    }

    public string Name => "stage-popularity";

    public PopularityRecommender For(LifecycleStage stage) => _byStage[(int)stage];

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null)
    {
        var result = For(_matrix.Customer(customer).Stage).Top(count, exclude);
        if (result.Count < count)
        {
            // Below the stage's own bestsellers, in global order: scores stay under the last stage score.
            var taken = result.Select(r => r.Item).ToHashSet();
            var floor = result.Count == 0 ? 1 : result[^1].Score;
            result.AddRange(
                _global
                    .Top(count - result.Count, exclude, taken)
                    .Select((g, n) => new ScoredItem(g.Item, floor / (n + 2)))
            );
        }
        return result;
    }
}
