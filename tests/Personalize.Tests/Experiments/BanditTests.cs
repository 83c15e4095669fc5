using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Experiments;

/// <summary>
/// A Thompson-sampling experiment through the real pipeline: customers arrive in batches and are served their offers
/// (which assigns and logs them), converters are recorded, and later customers go mostly to the better arm; a
/// customer's arm never changes; the report's regret is checked against the test's own count.
/// </summary>
public sealed class BanditTests(BanditTests.Store store, ITestOutputHelper output) : IClassFixture<BanditTests.Store>
{
    private const int CustomerCount = 300,
        Batch = 20,
        BurnIn = 40;
    private static readonly Dictionary<string, double> TrueRate = new() { ["ARM_LOW"] = 0.05, ["ARM_HIGH"] = 0.4 };

    // Reference data read on every decision, so the allocation follows each batch's conversions at once.
    public sealed class Store()
        : ApiFactory(new Dictionary<string, string?> { ["ReferenceData:RefreshSeconds"] = "0" }),
            IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            for (var c = 0; c < CustomerCount; c++)
                await this.CustomerAsync($"b{c:000}", $"b{c}@example.com");
            foreach (var code in TrueRate.Keys)
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
            var created = await DataAsync(
                """
                mutation { createExperiment(input: { id: "bandit", name: "Bandit", subject: OFFER, allocation: THOMPSON_SAMPLING, burnInExposures: 40,
                  variants: [{ id: "low", name: "Low", weight: 1, isControl: true, offer: "ARM_LOW" }, { id: "high", name: "High", weight: 1, offer: "ARM_HIGH" }] })
                  { experiment { allocation burnInExposures } errors { message } } }
                """
            );
            Assert.Equal(
                "THOMPSON_SAMPLING",
                created.GetProperty("createExperiment").GetProperty("experiment").GetProperty("allocation").GetString()
            );
            await DataAsync("""mutation { startExperiment(id: "bandit") { errors { message } } }""");
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private const string Offers = """
        query($ids: [ID!]!) { customersByIds(ids: $ids) { id offers(channel: WEB, first: 3) { offer { id } } } }
        """;

    private async Task<Dictionary<string, string>> ServeAsync(IReadOnlyList<string> ids)
    {
        var data = await store.DataAsync(Offers, new { ids });
        return data.GetProperty("customersByIds")
            .EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("id").GetString()!,
                c =>
                    c.GetProperty("offers")
                        .EnumerateArray()
                        .Select(o => o.GetProperty("offer").GetProperty("id").GetString()!)
                        .Single(TrueRate.ContainsKey)
            );
    }

    [Fact]
    public async Task Later_customers_go_to_the_better_arm_each_keeps_theirs_and_regret_adds_up()
    {
        var random = new Random(1606);
        var experiments = store.Services.GetRequiredService<ExperimentService>();
        var arms = new Dictionary<string, string>();
        var converted = new HashSet<string>();
        for (var start = 0; start < CustomerCount; start += Batch)
        {
            var ids = Enumerable.Range(start, Batch).Select(c => $"b{c:000}").ToList();
            foreach (var (id, arm) in await ServeAsync(ids))
            {
                arms[id] = arm;
                if (random.NextDouble() < TrueRate[arm])
                {
                    Assert.True(
                        (
                            await experiments.RecordConversionAsync(
                                new RecordConversionInput("bandit", id, 10),
                                default
                            )
                        ).Succeeded
                    );
                    converted.Add(id);
                }
            }
        }
        var order = Enumerable.Range(0, CustomerCount).Select(c => $"b{c:000}").ToList();
        var late = order.Skip(CustomerCount / 2).ToList();
        var highShare = (double)late.Count(id => arms[id] == "ARM_HIGH") / late.Count;
        output.WriteLine(
            $"burn-in: {order.Take(BurnIn).Count(id => arms[id] == "ARM_HIGH")} of {BurnIn} high; second "
                + $"half: {highShare:P0} high"
        );
        Assert.True(highShare > 0.75, $"second half {highShare:P0} high");

        // Sticky: served again after the allocation moved, every customer keeps the arm of their first exposure.
        var again = await ServeAsync(order.Take(60).ToList());
        foreach (var (id, arm) in again)
            Assert.Equal(arms[id], arm);

        var report = (
            await store.DataAsync(
                File.ReadAllText(RepositoryFiles.PathOf("schema/operations/crm-experiment-results.graphql")),
                new { experimentId = "bandit" }
            )
        )
            .GetProperty("experiment")
            .GetProperty("results");
        Assert.Equal(JsonValueKind.Null, report.GetProperty("sampleRatio").ValueKind);
        var bandit = report.GetProperty("bandit");
        Assert.True(bandit.GetProperty("burnedIn").GetBoolean());
        var allocation = bandit
            .GetProperty("allocation")
            .EnumerateArray()
            .ToDictionary(
                a => a.GetProperty("variant").GetProperty("id").GetString()!,
                a => a.GetProperty("share").GetDouble()
            );
        Assert.Equal(1, allocation.Values.Sum(), 9);
        Assert.True(allocation["high"] > 0.95);

        var rate = TrueRate.Keys.ToDictionary(
            k => k,
            k =>
                arms.Count(a => a.Value == k) is var n and > 0
                    ? (double)arms.Count(a => a.Value == k && converted.Contains(a.Key)) / n
                    : 0
        );
        var regret = arms.Values.Sum(arm => rate.Values.Max() - rate[arm]);
        Assert.Equal(regret, bandit.GetProperty("cumulativeRegret").GetDouble(), 9);
        var days = bandit.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(CustomerCount, days.Sum(d => d.GetProperty("exposures").GetInt64()));
        Assert.Equal(regret, days[^1].GetProperty("cumulativeRegret").GetDouble(), 9);
    }
}
