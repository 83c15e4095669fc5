using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Seeding;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Experiments;

/// <summary>The demo store's win-back experiment decides what its customers get: the holdout (C00003) none of its
/// offers, the quarter-off arm (C00005) only WINBACK25.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class DemoExperimentDecisionTests(DemoStoreFactory store, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] ExperimentOffers = ["WINBACK25", "WINBACK-SHIP"];

    private static string Operation(string name) =>
        File.ReadAllText(RepositoryFiles.PathOf($"schema/operations/{name}.graphql"));

    private static List<string> OffersOf(JsonElement customer) =>
        customer
            .GetProperty("offers")
            .EnumerateArray()
            .Select(o => o.GetProperty("offer").GetProperty("id").GetString()!)
            .ToList();

    [Fact]
    public async Task The_holdout_gets_no_win_back_offer_and_an_arm_only_its_own()
    {
        var experiment = (
            await store
                .Services.GetRequiredService<ExperimentService>()
                .ByKeysAsync([DemoExperimentSeeder.Key], default)
        )[DemoExperimentSeeder.Key];
        var offerCodes = (
            await store
                .Services.GetRequiredService<OfferQueries>()
                .ByIdsAsync(experiment.Variants.Select(v => v.OfferId).OfType<long>().ToList(), default)
        ).ToDictionary(o => o.Key, o => o.Value.Code);
        Assert.Null(VariantAssigner.Assign(experiment, "C00003"));
        Assert.Equal("quarter-off", VariantAssigner.Assign(experiment, "C00005")?.Key);

        var storefront = OffersOf(
            (await store.DataAsync(Operation("storefront-offers"), new { customerId = "C00003" })).GetProperty(
                "customer"
            )
        );
        Assert.DoesNotContain(storefront, ExperimentOffers.Contains);

        var batch = await store.DataAsync(
            Operation("email-batch"),
            new { first = 1000, segmentFilter = new { id = new { @in = new[] { "C00003", "C00005" } } } }
        );
        var nodes = batch
            .GetProperty("customers")
            .GetProperty("nodes")
            .EnumerateArray()
            .ToDictionary(n => n.GetProperty("id").GetString()!);
        Assert.DoesNotContain(OffersOf(nodes["C00003"]), ExperimentOffers.Contains);
        Assert.DoesNotContain("WINBACK-SHIP", OffersOf(nodes["C00005"]));

        var sendPage = await store.DataAsync(
            Operation("email-send-page"),
            new { segmentId = "lapsed-win-back", pageSize = 5000 }
        );
        var page = sendPage
            .GetProperty("segment")
            .GetProperty("customers")
            .GetProperty("nodes")
            .EnumerateArray()
            .ToList();
        Assert.NotEmpty(page);
        foreach (var node in page)
        {
            var id = node.GetProperty("id").GetString()!;
            var arm = VariantAssigner.Assign(experiment, id);
            var offers = OffersOf(node).Where(ExperimentOffers.Contains).ToList();
            Assert.True(
                offers.All(o => o == (arm?.OfferId is { } offerId ? offerCodes[offerId] : null)),
                $"{id} ({arm?.Key ?? "holdout"}) got {string.Join(", ", offers)}"
            );
        }
        Assert.Contains("WINBACK25", OffersOf(page.Single(n => n.GetProperty("id").GetString() == "C00005")));
    }

    [Fact]
    public async Task The_report_of_the_demo_experiment_reads_as_no_true_effect()
    {
        var results = (
            await store.DataAsync(Operation("crm-experiment-results"), new { experimentId = DemoExperimentSeeder.Key })
        )
            .GetProperty("experiment")
            .GetProperty("results");
        output.WriteLine(results.ToString());
        Assert.Equal(30, results.GetProperty("attributionWindowDays").GetInt32());
        Assert.False(results.GetProperty("sampleRatio").GetProperty("mismatchDetected").GetBoolean());
        // The seeded arms differ only by chance: the sequential analysis finds no winner to ship.
        Assert.NotEqual("SHIP", results.GetProperty("decision").GetProperty("verdict").GetString());
        var revenue = results
            .GetProperty("varianceReductions")
            .EnumerateArray()
            .Single(r => r.GetProperty("metric").GetString() == "REVENUE_PER_CUSTOMER");
        Assert.InRange(revenue.GetProperty("reduction").GetDouble(), 0, 1);
    }
}
