using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Caching;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;

namespace Personalize.Tests.Caching;

/// <summary>
/// The near cache in the real service: two instances on one SQLite file and one real Redis. A returning visitor costs
/// no statement and no Redis round trip; a write through either instance shows in the other's next answers.
/// </summary>
// Alone: its two hosts and Redis would otherwise run beside the tests that measure the process's memory.
[Collection(Personalize.Tests.Reliability.MeasuredAloneCollection.Name)]
public sealed class NearCacheApiTests(NearCacheApiTests.Instances instances)
    : IClassFixture<NearCacheApiTests.Instances>
{
    /// <summary>Redis, and two instances of the service on one SQLite file with the demo store.</summary>
    public sealed class Instances : IAsyncLifetime
    {
        public RedisServer Redis { get; } = new();
        public RedisAdmin Admin { get; private set; } = null!;
        public ApiFactory First { get; private set; } = null!;
        public ApiFactory Second { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Redis.StartAsync();
            Admin = new RedisAdmin(Redis);
            First = new Instance(
                new Dictionary<string, string?>
                {
                    ["Seed:Demo"] = "true",
                    ["Seed:Customers"] = "300",
                    ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
                    ["ConnectionStrings:Redis"] = Redis.ConnectionString,
                    // no reload of the running offers while statements are counted
                    ["ReferenceData:RefreshSeconds"] = "3600",
                }
            );
            await First.DataAsync("{ __typename }"); // seeds, scores and trains
            Second = new Instance(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Personalize"] = $"Data Source={Path.Combine(First.Directory, "test.db")}",
                    ["ConnectionStrings:Redis"] = Redis.ConnectionString,
                }
            );
            await Second.DataAsync("{ __typename }");
        }

        public async Task DisposeAsync()
        {
            Second.Dispose();
            First.Dispose();
            await Admin.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    private sealed class Instance(IDictionary<string, string?> settings) : ApiFactory(settings);

    private static readonly string Storefront = File.ReadAllText(
        RepositoryFiles.PathOf("schema/operations/storefront-personalize.graphql")
    );

    private const string Account = """query($id: ID!) { customer(id: $id) { orderCount consentPersonalization } }""";

    private static object Visit(string customerId) =>
        new
        {
            customerId,
            placement = "home-hero",
            channel = "WEB",
            first = 8,
        };

    [Fact]
    public async Task A_returning_visitor_costs_no_statement_and_no_Redis_round_trip()
    {
        // decides and stores the offers, which evicts the customer
        await instances.First.DataAsync(Storefront, Visit("C00042"));
        var first = await instances.First.DataAsync(Storefront, Visit("C00042"));
        var (statements, mgets) = (instances.First.SqlStatements, await instances.Admin.CallsAsync("mget"));

        var again = await instances.First.DataAsync(Storefront, Visit("C00042"));

        Assert.Equal(statements, instances.First.SqlStatements);
        Assert.Equal(mgets, await instances.Admin.CallsAsync("mget"));
        Assert.Equal(first.ToString(), again.ToString());
        Assert.NotEmpty(first.GetProperty("personalize").GetProperty("recommendations").EnumerateArray());
    }

    [Fact]
    public async Task A_dismissed_item_leaves_the_next_page_view_at_once()
    {
        var shown = Items(await instances.First.DataAsync(Storefront, Visit("C00051")));
        Assert.NotEmpty(shown);

        await instances.First.DataAsync(
            """
            mutation($input: TrackInteractionInput!) { trackInteraction(input: $input) { errors { message } } }
            """,
            new
            {
                input = new
                {
                    customerId = "C00051",
                    itemId = shown[0],
                    kind = "DISMISS",
                },
            }
        );

        Assert.DoesNotContain(shown[0], Items(await instances.First.DataAsync(Storefront, Visit("C00051"))));
    }

    [Fact]
    public async Task A_write_through_one_instance_shows_in_the_other_instances_next_answer()
    {
        var before = (await instances.First.DataAsync(Account, new { id = "C00077" })).GetProperty("customer");
        await instances.First.DataAsync(Account, new { id = "C00077" }); // now held in the first instance's near cache

        await instances.Second.DataAsync(
            """
            mutation { recordOrder(input: { customerId: "C00077", orderId: "NEAR-CACHE-1", orderedAt: "2026-11-20T10:00:00Z", amount: 25 }) { errors { message } } }
            """
        );
        await instances.Second.DataAsync(
            """mutation { upsertCustomer(input: { id: "C00077", consentPersonalization: false }) { errors { message } } }"""
        );

        // Pub/sub delivers within milliseconds; the wait only absorbs a loaded machine.
        var after = await Eventually.ReadAsync(
            async () => (await instances.First.DataAsync(Account, new { id = "C00077" })).GetProperty("customer"),
            customer => customer.GetProperty("orderCount").GetInt32() == before.GetProperty("orderCount").GetInt32() + 1
        );
        Assert.False(after.GetProperty("consentPersonalization").GetBoolean());
    }

    [Fact]
    public async Task While_Redis_is_down_the_near_cache_serves_nothing_and_it_serves_again_once_Redis_is_back()
    {
        var cache = instances.First.Services.GetRequiredService<CustomerNearCache>();
        Assert.True(cache.IsServing);

        await instances.Redis.StopAsync();
        // The client notices the lost connection when it next uses it, or by its own heartbeat.
        await Eventually.ReadAsync(
            async () => (await instances.First.GraphQLAsync(Account, new { id = "C00042" }), cache.IsServing).Item2,
            serving => !serving
        );

        await instances.Redis.StartAsync();
        var second = instances.Second.Services.GetRequiredService<CustomerNearCache>();
        await Eventually.ReadAsync(() => Task.FromResult(cache.IsServing && second.IsServing), serving => serving);
    }

    [Fact]
    public async Task An_instance_started_while_Redis_is_down_serves_from_the_near_cache_once_Redis_answers()
    {
        await using var redis = new RedisServer(); // not started: its port refuses connections
        using var api = new Instance(
            new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString }
        );
        await api.DataAsync("{ __typename }");
        // The host starts its services before it answers: the start's wait for Redis has given up by now.
        var cache = api.Services.GetRequiredService<CustomerNearCache>();
        Assert.False(cache.IsServing);

        await redis.StartAsync();
        await Eventually.ReadAsync(() => Task.FromResult(cache.IsServing), serving => serving);
    }

    private static List<string> Items(JsonElement data) =>
        data.GetProperty("personalize")
            .GetProperty("recommendations")
            .EnumerateArray()
            .Select(r => r.GetProperty("item").GetProperty("id").GetString()!)
            .ToList();
}
