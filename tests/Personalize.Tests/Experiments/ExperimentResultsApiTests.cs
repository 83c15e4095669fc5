using Microsoft.Extensions.DependencyInjection;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Experiments;

/// <summary>
/// Experiment.results through the real pipeline (schema/operations/crm-experiment-results.graphql) on a store whose
/// orders the test wrote itself, so every figure is checked against the test's own computation from those orders.
/// </summary>
public sealed class ExperimentResultsApiTests(ExperimentResultsApiTests.Store store, ITestOutputHelper output)
    : IClassFixture<ExperimentResultsApiTests.Store>
{
    private const int Customers = 320,
        WindowDays = 10,
        Days = 20;

    /// <summary>A customer as the test generated them: arm, exposure time, pre-exposure spend, orders after exposure
    /// (inside and outside the window).</summary>
    public sealed record Generated(
        string Id,
        string? Arm,
        DateTime ExposedAt,
        double PreSpend,
        List<(DateTime At, decimal Amount)> After
    );

    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public List<Generated> People { get; } = [];

        public async Task InitializeAsync()
        {
            foreach (var code in new[] { "CTRL", "TREAT" })
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
                                    Status: OfferStatus.Draft
                                ),
                                default
                            )
                    ).Succeeded
                );
            var experiments = Services.GetRequiredService<ExperimentService>();
            var created = await experiments.CreateAsync(
                new ExperimentInput(
                    "revenue-test",
                    "Revenue test",
                    Subject: ExperimentSubject.Offer,
                    Variants:
                    [
                        new VariantInput("control", "Control", 1, IsControl: true, Offer: "CTRL"),
                        new VariantInput("treat", "Treatment", 1, Offer: "TREAT"),
                    ],
                    AttributionWindowDays: WindowDays
                ),
                default
            );
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            await experiments.StartAsync("revenue-test", default);
            var experiment = created.Value!;

            var random = new Random(1604);
            var now = DateTime.UtcNow;
            var start = now.AddDays(-Days);
            for (var c = 0; c < Customers; c++)
            {
                var id = $"r{c:000}";
                await this.CustomerAsync(id, $"{id}@example.com");
                var arm = VariantAssigner.Assign(experiment, id)?.Key;
                var exposedAt = start.AddHours(c * (Days - WindowDays - 2) * 24.0 / Customers);
                // Big spenders before exposure spend more after it: the correlation CUPED uses.
                var habit = random.NextDouble() < 0.5 ? 3 : 0.5;
                double pre = 0;
                for (var k = 0; k < 3; k++)
                {
                    var amount = Math.Round((decimal)(habit * (20 + 40 * random.NextDouble())), 2);
                    await this.OrderAsync(id, $"{id}-pre{k}", exposedAt.AddDays(-30 - 60 * k), amount);
                    pre += (double)amount;
                }
                var after = new List<(DateTime, decimal)>();
                var orders = random.Next(0, 3) + (arm == "treat" ? 1 : 0); // the treatment really brings one more order
                for (var k = 0; k < orders; k++)
                    after.Add(
                        (
                            exposedAt.AddDays(1 + 3 * k + random.NextDouble()),
                            Math.Round((decimal)(habit * (20 + 40 * random.NextDouble())), 2)
                        )
                    );
                after.Add((exposedAt.AddDays(WindowDays + 1), 500m)); // after the window: never counts
                foreach (var (at, amount) in after)
                    await this.OrderAsync(id, $"{id}-post{after.IndexOf((at, amount))}", at, amount);
                var exposed = await experiments.RecordExposureAsync(
                    new RecordExposureInput("revenue-test", id, exposedAt),
                    default
                );
                Assert.True(exposed.Succeeded, string.Join("; ", exposed.Errors));
                People.Add(new Generated(id, arm, exposedAt, pre, after));
            }
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static readonly string Report = File.ReadAllText(
        RepositoryFiles.PathOf("schema/operations/crm-experiment-results.graphql")
    );

    private static double InWindow(Generated g) =>
        g.After.Where(o => o.At >= g.ExposedAt && o.At < g.ExposedAt.AddDays(WindowDays)).Sum(o => (double)o.Amount);

    [Fact]
    public async Task Revenue_and_orders_per_exposed_customer_count_the_window_and_the_decision_ships_the_real_winner()
    {
        var results = (await store.DataAsync(Report, new { experimentId = "revenue-test" }))
            .GetProperty("experiment")
            .GetProperty("results");
        output.WriteLine(results.ToString());
        Assert.Equal("SEQUENTIAL", results.GetProperty("analysis").GetString());
        Assert.Equal(WindowDays, results.GetProperty("attributionWindowDays").GetInt32());
        // daily, once the first window has closed
        Assert.InRange(results.GetProperty("sequentialLooks").GetInt32(), Days - WindowDays - 1, Days - WindowDays + 1);

        var arms = results
            .GetProperty("arms")
            .EnumerateArray()
            .ToDictionary(a => a.GetProperty("variant").GetProperty("id").GetString()!);
        foreach (var (key, arm) in arms)
        {
            var people = store.People.Where(p => p.Arm == key).ToList();
            var metrics = arm.GetProperty("metrics");
            Assert.Equal(people.Count, metrics.GetProperty("customers").GetInt64());
            Assert.Equal(people.Average(InWindow), metrics.GetProperty("revenuePerCustomer").GetDouble(), 6);
            var orders = people.Sum(p => p.After.Count(o => o.At < p.ExposedAt.AddDays(WindowDays)));
            Assert.Equal((double)orders / people.Count, metrics.GetProperty("ordersPerCustomer").GetDouble(), 9);
            Assert.Equal(people.Sum(InWindow) / orders, metrics.GetProperty("averageOrderValue").GetDouble(), 6);
        }

        // CUPED on revenue: the reduction is ρ² of (window revenue, pre-exposure spend) over all customers.
        var reduction = results
            .GetProperty("varianceReductions")
            .EnumerateArray()
            .Single(r => r.GetProperty("metric").GetString() == "REVENUE_PER_CUSTOMER");
        var (x, y) = (store.People.Select(p => p.PreSpend).ToArray(), store.People.Select(InWindow).ToArray());
        double mx = x.Average(),
            my = y.Average();
        var rho =
            x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my))
            / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
        Assert.Equal(rho * rho, reduction.GetProperty("reduction").GetDouble(), 6);
        Assert.True(rho * rho > 0.1, $"ρ² = {rho * rho}");

        var revenue = arms["treat"]
            .GetProperty("comparisons")
            .EnumerateArray()
            .Single(c => c.GetProperty("metric").GetString() == "REVENUE_PER_CUSTOMER");
        Assert.Equal("SEQUENTIAL", revenue.GetProperty("analysis").GetString());
        Assert.Equal(revenue.GetProperty("sequentialPValue").GetDouble(), revenue.GetProperty("pValue").GetDouble());
        Assert.True(revenue.GetProperty("isSignificant").GetBoolean());
        var decision = results.GetProperty("decision");
        Assert.Equal("SHIP", decision.GetProperty("verdict").GetString());
        Assert.Equal("treat", decision.GetProperty("variant").GetProperty("id").GetString());
        Assert.Empty(arms["control"].GetProperty("comparisons").EnumerateArray());

        var fixedHorizon = (
            await store.DataAsync(Report, new { experimentId = "revenue-test", analysis = "FIXED_HORIZON" })
        )
            .GetProperty("experiment")
            .GetProperty("results");
        var fixedRevenue = fixedHorizon
            .GetProperty("arms")
            .EnumerateArray()
            .Single(a => a.GetProperty("variant").GetProperty("id").GetString() == "treat")
            .GetProperty("comparisons")
            .EnumerateArray()
            .Single(c => c.GetProperty("metric").GetString() == "REVENUE_PER_CUSTOMER");
        Assert.Equal("FIXED_HORIZON", fixedHorizon.GetProperty("analysis").GetString());
        Assert.Equal(
            fixedRevenue.GetProperty("fixedHorizonPValue").GetDouble(),
            fixedRevenue.GetProperty("pValue").GetDouble()
        );
        // The always-valid p-value pays for being readable at every look: it is never below the fixed-horizon one at
        // the end.
        Assert.True(
            fixedRevenue.GetProperty("sequentialPValue").GetDouble()
                >= fixedRevenue.GetProperty("fixedHorizonPValue").GetDouble()
        );
    }

    [Fact]
    public async Task The_attribution_window_is_validated_and_fixed_once_started()
    {
        var created = await store.DataAsync(
            """
            mutation { createExperiment(input: { id: "bad-window", name: "x", subject: OFFER, attributionWindowDays: 0,
              variants: [{ id: "a", name: "A", weight: 1, isControl: true }, { id: "b", name: "B", weight: 1 }] }) { errors { __typename field } } }
            """
        );
        var error = created.GetProperty("createExperiment").GetProperty("errors")[0];
        Assert.Equal(
            ("ValidationError", "input.attributionWindowDays"),
            (error.GetProperty("__typename").GetString(), error.GetProperty("field").GetString())
        );

        var running = await store.DataAsync(
            """mutation { updateExperiment(input: { id: "revenue-test", attributionWindowDays: 30 }) { errors { __typename field } } }"""
        );
        error = running.GetProperty("updateExperiment").GetProperty("errors")[0];
        Assert.Equal(
            ("ConflictError", "input.attributionWindowDays"),
            (error.GetProperty("__typename").GetString(), error.GetProperty("field").GetString())
        );
    }
}
