using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifecycle;
using Personalize.Recommendations;
using Personalize.Tests.Import;

namespace Personalize.Tests.Recommendations;

/// <summary>
/// The committed Online Retail excerpt (almost all of it on 2010-12-01), imported with the preset, plus a few later
/// interactions of the same customers so that the training split (labels 5-10 December) and the test window (from
/// 10 December) both hold something.
/// </summary>
public sealed class RecommenderEvaluationTests
{
    private static readonly string Excerpt = Path.Combine(
        AppContext.BaseDirectory,
        "TestData",
        "online-retail",
        "online_retail_excerpt.csv"
    );

    private const string LaterInteractions = """
        customer_id,item_id,kind,occurred_at,weight
        17850,product-85123a,purchase,2010-12-07T10:00:00Z,6
        17850,product-22632,purchase,2010-12-07T10:00:00Z,2
        15311,product-85123a,purchase,2010-12-07T11:00:00Z,12
        17511,product-21533,purchase,2010-12-08T09:00:00Z,1
        17511,product-84029g,purchase,2010-12-08T09:00:00Z,4
        12433,product-22632,purchase,2010-12-08T12:00:00Z,3
        12583,product-85123a,purchase,2010-12-09T12:00:00Z,6
        12583,product-22633,click,2010-12-09T12:00:00Z,
        14688,product-21094,purchase,2010-12-06T12:00:00Z,2
        13047,product-22745,view,2010-12-09T15:00:00Z,
        17850,product-84029g,purchase,2010-12-12T10:00:00Z,6
        17850,product-21730,purchase,2010-12-12T10:00:00Z,6
        15311,product-22632,purchase,2010-12-14T10:00:00Z,6
        15311,product-21533,purchase,2010-12-14T10:00:00Z,6
        17511,product-85123a,purchase,2010-12-15T10:00:00Z,6
        17511,product-22752,purchase,2010-12-15T10:00:00Z,6
        12433,product-85123a,purchase,2010-12-16T10:00:00Z,6
        12583,product-22632,purchase,2010-12-18T10:00:00Z,6
        12583,product-84029g,purchase,2010-12-18T10:00:00Z,6
        14688,product-85123a,purchase,2010-12-19T10:00:00Z,6
        14688,product-22632,dismiss,2010-12-19T10:00:00Z,
        13047,product-22633,purchase,2010-12-20T10:00:00Z,1
        """;

    private static readonly RecommenderEvaluationOptions Options = new(new DateOnly(2010, 12, 10), WindowDays: 30)
    {
        Recommender = RecommenderOptions.Default with { LabelWindowDays = 5, Iterations = 20, MinExamplesPerLeaf = 5 },
    };

    [Fact]
    public async Task Every_recommender_is_evaluated_on_the_excerpt_with_metrics_between_zero_and_one()
    {
        await using var db = await ExcerptDatabase();
        var evaluation = ActivatorUtilities.CreateInstance<RecommenderEvaluation>(db.Services);

        var result = await evaluation.RunAsync(Options);

        Assert.Equal(["repeatable Product", "new items only"], result.Protocols.Select(p => p.Name));
        var protocol = result.Protocols[0];
        Assert.Equal(7, protocol.Customers);
        Assert.Equal(
            [
                "popularity",
                "stage-popularity",
                "item-knn",
                "history",
                "lightgbm-rerank",
                "ease",
                "rp3beta",
                "personal-frequency",
            ],
            protocol.Scores.Select(s => s.Recommender)
        );
        foreach (var score in result.Protocols.SelectMany(p => p.Scores))
        foreach (var metric in new[] { score.HitRate, score.Ndcg, score.Recall, score.Map, score.Coverage })
            Assert.InRange(metric, 0, 1);
        Assert.True(result.Training.Groups > 0);
        Assert.Contains("lightgbm-rerank NDCG@10", result.ToString());
        // Nothing before 2010-11-10 to validate on: training as of the cut-off would serve the robust default.
        Assert.Equal("popularity", result.Selection!.Selected);
        Assert.StartsWith("too little data to judge: 0 customers", result.Selection.Reason);
        Assert.Contains("training would serve popularity", result.ToString());
    }

    [Fact]
    public async Task The_reranker_is_deterministic()
    {
        await using var db = await ExcerptDatabase();
        var (log, baselines) = await BaselinesAsync(db);
        var classifier = db.Services.GetRequiredService<LifecycleClassifier>();

        List<IReadOnlyList<ScoredItem>> RecommendAll()
        {
            using var model = RerankModel.Train(log, Options.CutoffTime, Options.Recommender, classifier);
            var reranker = new RerankRecommender(baselines, model, Options.Recommender);
            return Enumerable.Range(0, log.CustomerCount).Select(c => reranker.Recommend(c, 10)).ToList();
        }

        var first = RecommendAll();
        var second = RecommendAll();

        Assert.Contains(first, list => list.Count == 10);
        Assert.Equal(first.Select(l => l.ToArray()), second.Select(l => l.ToArray()));
    }

    [Fact]
    public async Task No_recommender_returns_an_excluded_item()
    {
        await using var db = await ExcerptDatabase();
        var (log, baselines) = await BaselinesAsync(db);
        using var model = RerankModel.Train(log, Options.CutoffTime, Options.Recommender);
        IRecommender[] recommenders = [.. baselines.All, new RerankRecommender(baselines, model, Options.Recommender)];

        for (var c = 0; c < log.CustomerCount; c++)
        {
            var consumed = baselines.Matrix.Consumed(c, new HashSet<Content.ContentKind>())!;
            foreach (var recommender in recommenders)
                Assert.DoesNotContain(recommender.Recommend(c, 10, consumed), s => consumed(s.Item));
        }
    }

    [Fact]
    public async Task A_model_saved_as_a_zip_and_loaded_again_ranks_every_customer_the_same()
    {
        await using var db = await ExcerptDatabase();
        var (log, baselines) = await BaselinesAsync(db);
        using var model = RerankModel.Train(log, Options.CutoffTime, Options.Recommender);
        using var loaded = RerankModel.FromBytes(model.ToBytes(), model.Training);
        var (saved, reloaded) = (
            new RerankRecommender(baselines, model, Options.Recommender),
            new RerankRecommender(baselines, loaded, Options.Recommender)
        );

        for (var c = 0; c < log.CustomerCount; c++)
            Assert.Equal(saved.Recommend(c, 10), reloaded.Recommend(c, 10));
    }

    private static async Task<(SignalLog Log, Baselines Baselines)> BaselinesAsync(ImportDatabase db)
    {
        var log = await new SignalLogReader(
            db.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
        ).ReadAsync(Options.WindowEnd, Options.Recommender.Weights);
        var matrix = new SignalMatrix(
            log,
            Options.CutoffTime,
            Options.Recommender.Weights,
            db.Services.GetRequiredService<LifecycleClassifier>()
        );
        return (log, new Baselines(matrix, Options.Recommender));
    }

    private static async Task<ImportDatabase> ExcerptDatabase()
    {
        var db = await ImportDatabase.CreateAsync();
        Assert.True((await db.Importer.ImportOnlineRetailAsync(Excerpt)).Committed);
        var later = await db.Importer.ImportFileAsync(ImportKind.Interactions, db.File("later.csv", LaterInteractions));
        Assert.Equal((22, 0), (later.Imported, later.Bad));
        return db;
    }
}
