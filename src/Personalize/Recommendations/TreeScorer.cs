using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Personalize.Recommendations;

/// <summary>
/// The trees of a trained LightGBM model evaluated directly, as ML.NET does (each tree from its root, left when the
/// feature is at most the threshold, its leaf value times its weight summed over the trees, plus the bias), without a
/// PredictionEngine's cost per call: scoring every customer's candidates at training time is millions of calls.
/// </summary>
internal sealed class TreeScorer
{
    private readonly Tree[] _trees;
    private readonly double _bias;

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaf, double Weight);

    private TreeScorer(RegressionTreeEnsemble ensemble)
    {
        _trees = ensemble
            .Trees.Select(
                (t, i) =>
                    new Tree(
                        [.. t.LeftChild],
                        [.. t.RightChild],
                        [.. t.NumericalSplitFeatureIndexes],
                        [.. t.NumericalSplitThresholds],
                        [.. t.LeafValues],
                        ensemble.TreeWeights[i]
                    )
            )
            .ToArray();
        _bias = ensemble.Bias;
    }

    /// <summary>The scorer of a tree model with numerical splits only, or null (then the caller keeps ML.NET's own
    /// engine).</summary>
    public static TreeScorer? From(ITransformer model) =>
        model
            is ISingleFeaturePredictionTransformer<object>
            {
                Model: TreeEnsembleModelParametersBasedOnRegressionTree parameters
            }
        && parameters.TrainedTreeEnsemble.Trees.All(t => !t.CategoricalSplitFlags.Any(c => c))
            ? new TreeScorer(parameters.TrainedTreeEnsemble)
            : null;

    public float Score(float[] features)
    {
        var sum = 0.0;
        foreach (var tree in _trees)
        {
            if (tree.Left.Length == 0 || tree.Left[0] == 0)
                continue; // a tree without a split adds nothing, as in ML.NET
            var node = 0;
            while (node >= 0)
                node = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
            sum += tree.Weight * tree.Leaf[~node];
        }
        return (float)(sum + _bias);
    }
}
