namespace Personalize.Recommendations;

/// <summary>The baseline recommenders over one matrix; they are also the re-ranker's candidate generators and feature
/// sources.</summary>
public sealed class Baselines
{
    public Baselines(SignalMatrix matrix, RecommenderOptions options)
    {
        Matrix = matrix;
        Global = new PopularityRecommender(matrix);
        Stage = new StagePopularityRecommender(matrix, Global);
        Knn = new ItemKnnRecommender(matrix, options.KnnNeighbours);
        History = new HistoryRecommender(matrix);
    }

    public SignalMatrix Matrix { get; }
    public PopularityRecommender Global { get; }
    public StagePopularityRecommender Stage { get; }
    public ItemKnnRecommender Knn { get; }
    public HistoryRecommender History { get; }

    public IReadOnlyList<IRecommender> All => [Global, Stage, Knn, History];
}
