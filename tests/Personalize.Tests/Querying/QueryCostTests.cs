using Microsoft.Extensions.DependencyInjection;
using Personalize.Caching;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Querying;

/// <summary>Nested lookups go through batch loaders: the statement count does not grow with the page size.</summary>
public sealed class QueryCostTests : IClassFixture<QueryCostTests.Store>, IAsyncLifetime
{
    private readonly ApiFactory _factory;

    private readonly ITestOutputHelper _output;

    public QueryCostTests(Store store, ITestOutputHelper output) => (_factory, _output) = (store, output);

    public sealed class Store : ApiFactory;

    public async Task InitializeAsync()
    {
        if (
            await _factory.DataAsync("{ customers(first: 1) { totalCount } }") is var d
            && d.GetProperty("customers").GetProperty("totalCount").GetInt32() > 0
        )
            return;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var c = 0; c < 60; c++)
        {
            await _factory.CustomerAsync($"c{c:000}", $"c{c}@example.com", c % 2 == 0 ? "FR" : "DE");
            for (var o = 0; o < c % 4; o++)
                await _factory.OrderAsync(
                    $"c{c:000}",
                    $"c{c}-o{o}",
                    start.AddDays(c + o * 7),
                    10m * (o + 1),
                    ("sku-1", 1, 10m),
                    ("sku-2", o + 1, 5m)
                );
        }
        await _factory.SegmentAsync(
            "french",
            new Dictionary<string, object?> { ["country"] = new Dictionary<string, object?> { ["eq"] = "FR" } }
        );
        await _factory.SegmentAsync(
            "buyers",
            new Dictionary<string, object?> { ["orderCount"] = new Dictionary<string, object?> { ["gte"] = 1 } }
        );
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const string PageQuery = """
        query Page($first: Int!) {
          customers(first: $first, order: [{ id: ASC }]) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              id lifecycleStage
              segments { id name size }
              surveyScores { latestNps averageCsat }
              orders(first: 3) { totalCount nodes { id amount lines { productId quantity } } }
            }
          }
        }
        """;

    [Fact]
    public async Task A_page_of_50_customers_with_orders_segments_and_stage_costs_a_small_constant_number_of_statements()
    {
        await StatementsAsync(5); // warm-up: the active segments are read once, then reused
        var forFive = await StatementsAsync(5);
        var forFifty = await StatementsAsync(50);

        _output.WriteLine($"SQL statements: {forFive} for 5 customers, {forFifty} for 50.");
        Assert.Equal(forFive, forFifty);
        // page + count + memberships + sizes + surveys + orders + lines (+ slack for a reload of the active segments)
        Assert.InRange(forFifty, 6, 10);
    }

    private async Task<long> StatementsAsync(int first)
    {
        // Both pages start from an empty near cache: the constant is what customers not seen before cost.
        _factory.Services.GetRequiredService<CustomerNearCache>().InvalidateAll();
        var before = _factory.SqlStatements;
        var data = await _factory.DataAsync(PageQuery, new { first });
        var after = _factory.SqlStatements;
        Assert.Equal(first, data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
        return after - before;
    }
}
