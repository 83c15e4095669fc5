using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Content;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifecycle;
using Personalize.Recommendations;
using Personalize.Recommendations.Serving;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Recommendations;

/// <summary>
/// The served lists are the evaluated ones: a generated store is imported (customers consenting, by the import flag),
/// trained as of 30 days before its end, and the lists GraphQL serves are scored on those 30 days with the evaluation's
/// own metric code. They score exactly what <c>recommender evaluate --cutoff</c> (same date) reports for the
/// recommender training selected: the evaluation's test window is the one after the cut-off, while the figure stored
/// with the version is the selection's validation window before it (the served model is refitted on it).
/// </summary>
public sealed class ServedListsTests
{
    private static readonly IReadOnlySet<ContentKind> Products = new HashSet<ContentKind> { ContentKind.Product };

    [Fact]
    public async Task Lists_served_by_GraphQL_score_on_the_held_out_window_what_the_evaluation_reports_for_the_selected_model()
    {
        var store = GeneratedStores.LatentFactors(customers: 300, kind: ContentKind.Product);
        using var api = new ApiFactory();
        await api.DataAsync("{ __typename }");
        var importer = api.Services.GetRequiredService<DataImporter>();
        var folder = Path.Combine(api.Directory, "generated");
        Directory.CreateDirectory(folder);
        var content = new StringBuilder(
            "slug,kind,title,summary,url,image_url,tags,target_stages,channels,locale,publish_from,publish_until,status\n"
        );
        for (var i = 0; i < store.Items; i++)
            content.Append(
                CultureInfo.InvariantCulture,
                $"item-{i + 1},product,Item {i + 1},,,,,,,,2023-01-01T00:00:00Z,,published\n"
            );
        var interactions = new StringBuilder("customer_id,item_id,kind,occurred_at\n");
        foreach (var (c, i, day) in store.Events)
            interactions.Append(
                CultureInfo.InvariantCulture,
                $"c{c + 1},item-{i + 1},purchase,{GeneratedStores.Start.AddDays(day):yyyy-MM-ddTHH:mm:ss.fffZ}\n"
            );
        File.WriteAllText(Path.Combine(folder, "content.csv"), content.ToString());
        File.WriteAllText(Path.Combine(folder, "interactions.csv"), interactions.ToString());
        Assert.True(
            (await importer.ImportFileAsync(ImportKind.Content, Path.Combine(folder, "content.csv"))).Committed
        );
        var imported = await importer.ImportFileAsync(
            ImportKind.Interactions,
            Path.Combine(folder, "interactions.csv"),
            new ImportOptions { ConsentPersonalization = true }
        );
        Assert.Equal((300L, 0L), (imported.CreatedOf("customers"), imported.CreatedOf(ImportSummary.WithoutConsent)));

        var cutoff = GeneratedStores.End.AddDays(-30);
        var trained = await api.Services.GetRequiredService<RecommenderTrainer>().TrainAsync(cutoff);
        await api.Services.GetRequiredService<RecommendationSnapshots>().RefreshAsync(CancellationToken.None);
        Assert.Equal(300, trained.PersonalizableCustomers);

        // The evaluation at the same cut-off, on the same stored signals, with its own protocol and metric code.
        var factory = api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        var classifier = api.Services.GetRequiredService<LifecycleClassifier>();
        var options = new RecommenderEvaluationOptions(DateOnly.FromDateTime(cutoff), 30);
        var evaluation = await new RecommenderEvaluation(factory, classifier).RunAsync(options);
        Assert.Equal(trained.Selection.Selected, evaluation.Selection!.Selected);
        Assert.NotEqual("popularity", trained.Selection.Selected);

        var log = await new SignalLogReader(factory).ReadAsync(options.WindowEnd, options.Recommender.Weights);
        var matrix = new SignalMatrix(log, cutoff, options.Recommender.Weights, classifier);
        var customers = RecommenderEvaluation.TestCustomers(
            matrix,
            log.PositiveItemsBetween(cutoff, options.WindowEnd),
            Products
        );
        var served = await ServedAsync(api, customers.Select(c => log.CustomerIds[c.Customer]).ToList());
        var lists = customers
            .Select(c =>
                (IReadOnlyList<int>)
                    served[log.CustomerIds[c.Customer]].Select(itemId => matrix.Log.ItemIndex(itemId)!.Value).ToList()
            )
            .ToList();
        var catalog = Enumerable.Range(0, matrix.ItemCount).Count(i => matrix.Item(i).Customers > 0);
        var (score, _) = RecommenderEvaluation.Metrics("served", lists, customers, catalog, options.K);

        var expected = evaluation.Protocols[0].Score(trained.Selection.Selected);
        Assert.Equal(evaluation.Protocols[0].Customers, customers.Count);
        Assert.Equal(expected.Ndcg, score.Ndcg, 12);
        Assert.Equal(expected.HitRate, score.HitRate, 12);
        Assert.Equal(expected.Recall, score.Recall, 12);
        Assert.Equal(expected.Coverage, score.Coverage, 12);

        // The version's stored figures are the selection's (validation window before the cut-off), readable in GraphQL.
        var model = (
            await api.DataAsync(
                "{ recommenderModel { version selected reason candidates { name ndcgAt10 "
                    + "hitRateAt10 recallAt10 coverage } } }"
            )
        ).GetProperty("recommenderModel");
        Assert.Equal(trained.Selection.Selected, model.GetProperty("selected").GetString());
        Assert.Equal(trained.Selection.Reason, model.GetProperty("reason").GetString());
        var stored = model
            .GetProperty("candidates")
            .EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == trained.Selection.Selected);
        Assert.Equal(
            trained.Selection.Score(trained.Selection.Selected)!.Ndcg,
            stored.GetProperty("ndcgAt10").GetDouble(),
            12
        );
    }

    [Fact]
    public async Task Customers_an_import_creates_have_no_consent_unless_the_flag_is_given_and_the_summary_says_how_many()
    {
        using var api = new ApiFactory();
        await api.DataAsync("{ __typename }");
        var importer = api.Services.GetRequiredService<DataImporter>();
        var path = Path.Combine(api.Directory, "orders.csv");
        File.WriteAllText(path, "customer_id,order_id,ordered_at,amount\na1,o1,2024-01-01,10\na2,o2,2024-01-02,20\n");

        var summary = await importer.ImportFileAsync(ImportKind.Orders, path);

        Assert.Equal((2L, 2L), (summary.CreatedOf("customers"), summary.CreatedOf(ImportSummary.WithoutConsent)));
        Assert.Contains("2 customers created (2 without personalization consent", summary.ToString());
        File.WriteAllText(path, "customer_id,order_id,ordered_at,amount\na3,o3,2024-01-03,10\n");
        var consenting = await importer.ImportFileAsync(
            ImportKind.Orders,
            path,
            new ImportOptions { ConsentPersonalization = true }
        );
        Assert.Equal((1L, 0L), (consenting.CreatedOf("customers"), consenting.CreatedOf(ImportSummary.WithoutConsent)));
        Assert.DoesNotContain("without personalization consent", consenting.ToString());
        var consent = (
            await api.DataAsync(
                "{ customers(first: 10, order: [{ id: ASC }]) { nodes { id consentPersonalization } } }"
            )
        )
            .GetProperty("customers")
            .GetProperty("nodes")
            .EnumerateArray()
            .ToDictionary(
                n => n.GetProperty("id").GetString()!,
                n => n.GetProperty("consentPersonalization").GetBoolean()
            );
        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["a1"] = false,
                ["a2"] = false,
                ["a3"] = true,
            },
            consent
        );
    }

    [Fact]
    public async Task An_invalid_selection_setting_stops_training_and_is_named()
    {
        using var api = ApiFactory.With(
            new Dictionary<string, string?> { ["Recommendations:Selection:MinValidationCustomers"] = "0" }
        );
        await api.DataAsync("{ __typename }");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            api.Services.GetRequiredService<RecommenderTrainer>().TrainAsync(GeneratedStores.End)
        );

        Assert.Equal("Recommendations:Selection:MinValidationCustomers must be at least 1.", error.Message);
    }

    /// <summary>The 10 items (content item ids) GraphQL serves each customer, 25 customers per request (aliases of
    /// `personalize`).</summary>
    private static async Task<Dictionary<long, List<long>>> ServedAsync(ApiFactory api, List<long> customerIds)
    {
        await using var db = await api
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        var external = await db
            .Customers.Where(c => customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.ExternalId);
        var items = await db.ContentItems.ToDictionaryAsync(c => c.Slug, c => c.Id);
        var served = new Dictionary<long, List<long>>();
        foreach (var page in customerIds.Chunk(25))
        {
            var query =
                "{ "
                + string.Join(
                    " ",
                    page.Select(id =>
                        $"c{id}: personalize(customerId: \"{external[id]}\", placement: \"home\", channel: WEB, first: "
                        + $"10) {{ recommendations {{ item {{ id }} }} }}"
                    )
                )
                + " }";
            var data = await api.DataAsync(query);
            foreach (var id in page)
                served[id] = data.GetProperty($"c{id}")
                    .GetProperty("recommendations")
                    .EnumerateArray()
                    .Select(r => items[r.GetProperty("item").GetProperty("id").GetString()!])
                    .ToList();
        }
        return served;
    }
}
