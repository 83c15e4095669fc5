using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Content;
using Personalize.Data;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Recommendations.Serving;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Experiments;

/// <summary>
/// Running experiments are what the decisions serve, on every channel and caller, through the operations storefronts
/// and email builders send (schema/operations): a customer in an arm gets that arm's offer or item and not the others',
/// a holdout customer none of them, and each is logged exposed once, in their arm.
/// </summary>
public sealed class ExperimentDecisionTests(ExperimentDecisionTests.Store store, ITestOutputHelper output)
    : IClassFixture<ExperimentDecisionTests.Store>
{
    private const int CustomerCount = 80;
    private const int HeldBeforeStart = 12;
    private static readonly string[] ExperimentOffers = ["ARM_A", "ARM_B"];
    private static readonly string[] ExperimentItems = ["item-a", "item-b"];

    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            for (var c = 0; c < CustomerCount; c++)
                await this.CustomerAsync($"d{c:000}", $"d{c}@example.com");
            foreach (var code in new[] { "ARM_A", "ARM_B", "EXTRA" })
                Assert.True(
                    (
                        await Services
                            .GetRequiredService<OfferService>()
                            .CreateAsync(
                                new OfferInput(
                                    code,
                                    code,
                                    RewardType: RewardType.PercentOff,
                                    RewardValue: 10,
                                    Cost: 1,
                                    Status: OfferStatus.Active
                                ),
                                default
                            )
                    ).Succeeded
                );
            foreach (var slug in new[] { "item-a", "item-b", "item-other" })
                Assert.True(
                    (
                        await Services
                            .GetRequiredService<ContentService>()
                            .CreateAsync(
                                new ContentItemInput(
                                    slug,
                                    ContentKind.Article,
                                    Title: slug,
                                    Status: ContentStatus.Published
                                ),
                                default
                            )
                    ).Succeeded
                );
            await this.SegmentAsync(
                "reachable",
                new Dictionary<string, object?>
                {
                    ["consentEmailMarketing"] = new Dictionary<string, object?> { ["eq"] = true },
                }
            );
            await Services.GetRequiredService<RecommendationSnapshots>().RefreshAsync(default);

            // Offers held before the experiments start: these customers hold every offer, the other arms' included.
            for (var c = 0; c < HeldBeforeStart; c++)
                await DataAsync(
                    """query($id: ID!) { customer(id: $id) { offers(channel: WEB, first: 3) { code } } }""",
                    new { id = $"d{c:000}" }
                );

            await ExperimentAsync(
                new
                {
                    id = "offer-test",
                    name = "A, B or nothing",
                    subject = "OFFER",
                    holdoutShare = 0.2,
                    variants = new object[]
                    {
                        new
                        {
                            id = "a",
                            name = "A",
                            weight = 1,
                            isControl = true,
                            offer = "ARM_A",
                        },
                        new
                        {
                            id = "b",
                            name = "B",
                            weight = 1,
                            offer = "ARM_B",
                        },
                        new
                        {
                            id = "nothing",
                            name = "No offer",
                            weight = 1,
                        },
                    },
                }
            );
            await ExperimentAsync(
                new
                {
                    id = "content-test",
                    name = "Item A or B",
                    subject = "CONTENT",
                    holdoutShare = 0.2,
                    variants = new object[]
                    {
                        new
                        {
                            id = "a",
                            name = "A",
                            weight = 1,
                            isControl = true,
                            contentItem = "item-a",
                        },
                        new
                        {
                            id = "b",
                            name = "B",
                            weight = 1,
                            contentItem = "item-b",
                        },
                    },
                }
            );
        }

        private async Task ExperimentAsync(object input)
        {
            var created = await DataAsync(
                "mutation($input: ExperimentInput!) { createExperiment(input: $input) { errors { message field } } }",
                new { input }
            );
            Assert.Equal(0, created.GetProperty("createExperiment").GetProperty("errors").GetArrayLength());
            var id = JsonSerializer.SerializeToElement(input).GetProperty("id").GetString();
            await DataAsync("mutation($id: ID!) { startExperiment(id: $id) { errors { message } } }", new { id });
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static string Operation(string name) =>
        File.ReadAllText(RepositoryFiles.PathOf($"schema/operations/{name}.graphql"));

    private static IEnumerable<string> OfferIds(JsonElement offers) =>
        offers.EnumerateArray().Select(o => o.GetProperty("offer").GetProperty("id").GetString()!);

    private static IEnumerable<string> ItemIds(JsonElement recommendations) =>
        recommendations.EnumerateArray().Select(r => r.GetProperty("item").GetProperty("id").GetString()!);

    [Fact]
    public async Task Every_arm_and_the_holdout_get_their_treatment_and_no_other_on_every_channel()
    {
        var experiments = await store
            .Services.GetRequiredService<ExperimentService>()
            .ByKeysAsync(["offer-test", "content-test"], default);
        var variants = experiments.Values.SelectMany(e => e.Variants).ToList();
        var offerCodes = (
            await store
                .Services.GetRequiredService<OfferQueries>()
                .ByIdsAsync(variants.Select(v => v.OfferId).OfType<long>().ToList(), default)
        ).ToDictionary(o => o.Key, o => o.Value.Code);
        var itemSlugs = (
            await store
                .Services.GetRequiredService<ContentQueries>()
                .ByIdsAsync(variants.Select(v => v.ContentItemId).OfType<long>().ToList(), default)
        ).ToDictionary(i => i.Key, i => i.Value.Slug);
        var customers = Enumerable.Range(0, CustomerCount).Select(c => $"d{c:000}").ToList();

        // What each customer is shown, per caller: offer codes by offer id, and recommended items.
        var offersSeen = customers.ToDictionary(c => c, _ => new List<(string Caller, string Offer, string Code)>());
        var itemsSeen = customers.ToDictionary(c => c, _ => new List<(string Caller, string Item)>());
        void See(string caller, JsonElement node, string offersField = "offers", string? recommendationsField = null)
        {
            var id = node.GetProperty("id").GetString()!;
            foreach (var o in node.GetProperty(offersField).EnumerateArray())
                offersSeen[id]
                    .Add(
                        (
                            caller,
                            o.GetProperty("offer").GetProperty("id").GetString()!,
                            o.GetProperty("code").GetString()!
                        )
                    );
            if (recommendationsField is not null)
                foreach (var item in ItemIds(node.GetProperty(recommendationsField)))
                    itemsSeen[id].Add((caller, item));
        }

        foreach (var c in customers)
        {
            See(
                "storefront-offers",
                (await store.DataAsync(Operation("storefront-offers"), new { customerId = c, first = 3 })).GetProperty(
                    "customer"
                )
            );
            var personalized = (
                await store.DataAsync(
                    Operation("storefront-personalize"),
                    new
                    {
                        customerId = c,
                        placement = "home-hero",
                        channel = "WEB",
                        first = 8,
                    }
                )
            ).GetProperty("personalize");
            foreach (var o in personalized.GetProperty("offers").EnumerateArray())
                offersSeen[c]
                    .Add(
                        (
                            "personalize",
                            o.GetProperty("offer").GetProperty("id").GetString()!,
                            o.GetProperty("code").GetString()!
                        )
                    );
            foreach (var item in ItemIds(personalized.GetProperty("recommendations")))
                itemsSeen[c].Add(("personalize", item));
        }
        var batch = await store.DataAsync(
            Operation("email-batch"),
            new { first = CustomerCount, segmentFilter = new { consentEmailMarketing = new { eq = true } } }
        );
        foreach (var node in batch.GetProperty("customers").GetProperty("nodes").EnumerateArray())
            See("email-batch", node, recommendationsField: "recommendations");
        var sendPage = await store.DataAsync(
            Operation("email-send-page"),
            new { segmentId = "reachable", pageSize = CustomerCount }
        );
        var sendNodes = sendPage.GetProperty("segment").GetProperty("customers").GetProperty("nodes");
        Assert.Equal(CustomerCount, sendNodes.GetArrayLength());
        foreach (var node in sendNodes.EnumerateArray())
            See("email-send-page", node);
        var app = await store.DataAsync(
            """
            query($n: Int!) { customers(first: $n, order: [{ id: ASC }]) { nodes { id offers(channel: APP, first: 3) { code offer { id } } recommendations(first: 5, channel: APP) { item { id } } } } }
            """,
            new { n = CustomerCount }
        );
        foreach (var node in app.GetProperty("customers").GetProperty("nodes").EnumerateArray())
            See("Customer.offers(APP)", node, recommendationsField: "recommendations");

        var perArm = new Dictionary<string, int>();
        foreach (var c in customers)
        {
            var offerArm = VariantAssigner.Assign(experiments["offer-test"], c);
            var contentArm = VariantAssigner.Assign(experiments["content-test"], c);
            var expectedOffer = offerArm?.OfferId is { } offerId ? offerCodes[offerId] : null;
            var expectedItem = contentArm?.ContentItemId is { } itemId ? itemSlugs[itemId] : null;

            foreach (var (caller, offer, _) in offersSeen[c].Where(s => ExperimentOffers.Contains(s.Offer)))
                Assert.True(offer == expectedOffer, $"{c} ({offerArm?.Key ?? "holdout"}) got {offer} from {caller}");
            if (expectedOffer is not null)
            {
                var codes = offersSeen[c].Where(s => s.Offer == expectedOffer).ToList();
                Assert.Equal(
                    ["Customer.offers(APP)", "email-batch", "email-send-page", "personalize", "storefront-offers"],
                    codes.Select(s => s.Caller).Distinct().Order()
                );
                Assert.Single(codes.Select(s => s.Code).Distinct()); // one assignment, the same code everywhere
            }

            foreach (var (caller, item) in itemsSeen[c].Where(s => ExperimentItems.Contains(s.Item)))
                Assert.True(item == expectedItem, $"{c} ({contentArm?.Key ?? "holdout"}) got {item} from {caller}");
            if (expectedItem is not null)
                Assert.Equal(
                    ["Customer.offers(APP)", "email-batch", "personalize"],
                    itemsSeen[c].Where(s => s.Item == expectedItem).Select(s => s.Caller).Distinct().Order()
                );

            var key = $"offer:{offerArm?.Key ?? "holdout"}";
            perArm[key] = perArm.GetValueOrDefault(key) + 1;
            key = $"content:{contentArm?.Key ?? "holdout"}";
            perArm[key] = perArm.GetValueOrDefault(key) + 1;
        }
        output.WriteLine(string.Join(", ", perArm.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        foreach (
            var arm in new[]
            {
                "offer:a",
                "offer:b",
                "offer:nothing",
                "offer:holdout",
                "content:a",
                "content:b",
                "content:holdout",
            }
        )
            Assert.True(perArm.GetValueOrDefault(arm) > 0, $"no customer in {arm}");
        // Customers who held the other arms' offers from before the start were among those checked.
        Assert.Contains(customers.Take(HeldBeforeStart), c =>
            VariantAssigner.Assign(experiments["offer-test"], c)?.Key != "a"
        );

        // Each customer was logged exposed once per experiment, in the arm they were served.
        var factory = store.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        foreach (var experiment in experiments.Values)
        {
            var exposures = await db
                .ExperimentExposures.Where(x => x.ExperimentId == experiment.Id)
                .Join(db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new { c.ExternalId, x.VariantId })
                .ToListAsync();
            Assert.Equal(CustomerCount, exposures.Count);
            foreach (var x in exposures)
                Assert.Equal(VariantAssigner.Assign(experiment, x.ExternalId)?.Id, x.VariantId);
        }
        var results = await store.DataAsync("""{ experiment(id: "offer-test") { results { exposures } } }""");
        Assert.Equal(
            CustomerCount,
            results.GetProperty("experiment").GetProperty("results").GetProperty("exposures").GetInt64()
        );
    }

    [Fact]
    public async Task A_customer_without_personalization_consent_is_in_no_experiment()
    {
        await store.CustomerAsync("no-consent", "nc@example.com", consent: false);
        var data = await store.DataAsync(
            """{ customer(id: "no-consent") { offers(channel: WEB, first: 3) { offer { id } } recommendations(first: 10) { item { id } } } }"""
        );
        Assert.Empty(OfferIds(data.GetProperty("customer").GetProperty("offers")));
        Assert.DoesNotContain(
            ItemIds(data.GetProperty("customer").GetProperty("recommendations")),
            ExperimentItems.Contains
        );
        var factory = store.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.False(
            await db
                .ExperimentExposures.Join(db.Customers, x => x.CustomerId, c => c.Id, (x, c) => c.ExternalId)
                .AnyAsync(id => id == "no-consent")
        );
    }
}
