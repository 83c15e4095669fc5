using Personalize.Recommendations;

namespace Personalize.Tests.Recommendations;

/// <summary>The re-ranker's own tree evaluation against ML.NET's PredictionEngine, and after a save and a
/// load.</summary>
public sealed class RerankModelTests
{
    [Fact]
    public void Scores_equal_those_of_the_prediction_engine_exactly()
    {
        var log = GeneratedStores.Repeats().Log();
        var options = RecommenderOptions.Default with { Iterations = 40, MinExamplesPerLeaf = 20 };
        using var model = RerankModel.Train(log, GeneratedStores.End.AddDays(-30), options);
        using var loaded = RerankModel.FromBytes(model.ToBytes(), model.Training);

        // Feature vectors of every scale the features take (logs, ratios, ages in days, flags), and zeros.
        var random = new Random(3);
        var scores = new HashSet<float>();
        for (var n = 0; n < 5000; n++)
        {
            var features = Enumerable
                .Range(0, 22)
                .Select(_ =>
                    random.Next(4) switch
                    {
                        0 => 0f,
                        1 => (float)random.NextDouble(),
                        2 => (float)(random.NextDouble() * 10),
                        _ => (float)(random.NextDouble() * 400),
                    }
                )
                .ToArray();
            var expected = model.EngineScore(features);
            Assert.Equal(expected, model.Score(features));
            Assert.Equal(expected, loaded.Score(features));
            scores.Add(expected);
        }
        Assert.True(scores.Count > 100, $"{scores.Count} distinct scores: the vectors reach few leaves");
    }
}
