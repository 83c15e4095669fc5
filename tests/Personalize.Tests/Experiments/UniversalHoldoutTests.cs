using Microsoft.Extensions.DependencyInjection;
using Personalize.Content;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Recommendations.Serving;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Experiments;

/// <summary>The universal holdout through the real pipeline: no offers, no personalization, no experiment; `kpis`
/// compares it with everyone else.</summary>
public sealed class UniversalHoldoutTests(UniversalHoldoutTests.Store store)
    : IClassFixture<UniversalHoldoutTests.Store>
{
    private const double Share = 0.3;
    private const string Salt = "test-salt";
    private const int CustomerCount = 60;
    private static readonly DateTime From = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        To = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed class Store()
        : ApiFactory(
            new Dictionary<string, string?>
            {
                ["Experiments:UniversalHoldout:Share"] = Share.ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                ),
                ["Experiments:UniversalHoldout:Salt"] = Salt,
            }
        ),
            IAsyncLifetime
    {
        /// <summary>Orders the test wrote: customer, time, amount.</summary>
        public List<(string Customer, DateTime At, decimal Amount)> Orders { get; } = [];

        public async Task InitializeAsync()
        {
            var random = new Random(1605);
            for (var c = 0; c < CustomerCount; c++)
            {
                var id = $"u{c:000}";
                await this.CustomerAsync(id, $"{id}@example.com");
                for (var k = 0; k < random.Next(0, 4); k++)
                {
                    var at = From.AddDays(-31 + random.Next(0, 61));
                    var amount = Math.Round((decimal)(10 + 90 * random.NextDouble()), 2);
                    await this.OrderAsync(id, $"{id}-{k}", at, amount);
                    Orders.Add((id, at, amount));
                }
            }
            Assert.True(
                (
                    await Services
                        .GetRequiredService<OfferService>()
                        .CreateAsync(
                            new OfferInput(
                                "FOR_ALL",
                                "For all",
                                RewardType: RewardType.PercentOff,
                                RewardValue: 10,
                                Cost: 1,
                                Status: OfferStatus.Active
                            ),
                            default
                        )
                ).Succeeded
            );
            Assert.True(
                (
                    await Services
                        .GetRequiredService<ContentService>()
                        .CreateAsync(
                            new ContentItemInput(
                                "some-article",
                                ContentKind.Article,
                                Title: "Some article",
                                Status: ContentStatus.Published
                            ),
                            default
                        )
                ).Succeeded
            );
            await Services.GetRequiredService<RecommendationSnapshots>().RefreshAsync(default);
            await DataAsync(
                """
                mutation { createExperiment(input: { id: "inside", name: "Inside", subject: CONTENT,
                  variants: [{ id: "a", name: "A", weight: 1, isControl: true, contentItem: "some-article" }, { id: "b", name: "B", weight: 1 }] }) { errors { message } } }
                """
            );
            await DataAsync("""mutation { startExperiment(id: "inside") { errors { message } } }""");
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static bool HeldOut(string id) => VariantAssigner.Position(Salt, id) < Share;

    [Fact]
    public async Task Held_out_customers_get_no_offer_no_personalization_and_no_experiment()
    {
        var customers = Enumerable.Range(0, CustomerCount).Select(c => $"u{c:000}").ToList();
        Assert.Contains(customers, HeldOut);
        Assert.Contains(customers, c => !HeldOut(c));
        var page = await store.DataAsync(
            """
            query($n: Int!) { customers(first: $n, order: [{ id: ASC }]) { nodes { id
              web: offers(channel: WEB, first: 3) { offer { id } } email: offers(channel: EMAIL, first: 3) { offer { id } }
              recommendations(first: 5) { item { id } reason { code } } } } }
            """,
            new { n = CustomerCount }
        );
        foreach (var node in page.GetProperty("customers").GetProperty("nodes").EnumerateArray())
        {
            var id = node.GetProperty("id").GetString()!;
            var offers = node.GetProperty("web").GetArrayLength() + node.GetProperty("email").GetArrayLength();
            var reasons = node.GetProperty("recommendations")
                .EnumerateArray()
                .Select(r => r.GetProperty("reason").GetProperty("code").GetString())
                .ToList();
            var items = node.GetProperty("recommendations")
                .EnumerateArray()
                .Select(r => r.GetProperty("item").GetProperty("id").GetString())
                .ToList();
            if (HeldOut(id))
            {
                Assert.Equal(0, offers);
                Assert.All(reasons, r => Assert.Equal("NOT_PERSONALIZED", r));
                Assert.DoesNotContain("some-article", items); // the experiment's item: no arm, no treatment
            }
            else
                Assert.True(offers > 0, $"{id} got no offer");
        }
        var exposures = (await store.DataAsync("""{ experiment(id: "inside") { results { exposures } } }"""))
            .GetProperty("experiment")
            .GetProperty("results")
            .GetProperty("exposures")
            .GetInt64();
        Assert.Equal(customers.Count(c => !HeldOut(c)), exposures);
    }

    [Fact]
    public async Task Kpis_compare_the_holdout_with_everyone_else()
    {
        var report = (
            await store.DataAsync(
                File.ReadAllText(RepositoryFiles.PathOf("schema/operations/crm-kpi-dashboard.graphql")),
                new
                {
                    from = From,
                    to = To,
                    trendFrom = From.AddMonths(-2),
                }
            )
        ).GetProperty("kpis").GetProperty("universalHoldout");
        Assert.Equal(Share, report.GetProperty("share").GetDouble());
        var customers = Enumerable.Range(0, CustomerCount).Select(c => $"u{c:000}").ToList();
        foreach (
            var (side, members) in new[]
            {
                ("holdout", customers.Where(HeldOut).ToList()),
                ("personalized", customers.Where(c => !HeldOut(c)).ToList()),
            }
        )
        {
            var group = report.GetProperty(side);
            var revenue = members.Sum(m =>
                store.Orders.Where(o => o.Customer == m && o.At >= From && o.At < To).Sum(o => o.Amount)
            );
            var previous = members
                .Where(m => store.Orders.Any(o => o.Customer == m && o.At >= From.AddDays(-31) && o.At < From))
                .ToList();
            var retained = previous.Count(m => store.Orders.Any(o => o.Customer == m && o.At >= From && o.At < To));
            Assert.Equal(members.Count, group.GetProperty("customers").GetInt32());
            Assert.Equal(revenue, group.GetProperty("revenue").GetDecimal());
            Assert.Equal((double)revenue / members.Count, group.GetProperty("revenuePerCustomer").GetDouble(), 9);
            Assert.Equal(previous.Count, group.GetProperty("previousPeriodBuyers").GetInt32());
            Assert.Equal((double)retained / previous.Count, group.GetProperty("retentionRate").GetDouble(), 9);
        }
        Assert.Equal(
            report.GetProperty("personalized").GetProperty("revenuePerCustomer").GetDouble()
                - report.GetProperty("holdout").GetProperty("revenuePerCustomer").GetDouble(),
            report.GetProperty("revenuePerCustomerDifference").GetDouble(),
            9
        );
    }

    [Fact]
    public void An_unknown_or_out_of_range_setting_stops_the_service()
    {
        foreach (
            var (key, value) in new[]
            {
                ("Experiments:UniversalHoldout:Shar", "0.1"),
                ("Experiments:UniversalHoldout:Share", "0.9"),
            }
        )
        {
            using var bad = ApiFactory.With(new Dictionary<string, string?> { [key] = value });
            var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
            Assert.Contains("Experiments:UniversalHoldout:Shar", error.ToString());
        }
    }
}
