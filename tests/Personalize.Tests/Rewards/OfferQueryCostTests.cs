using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Rewards;

/// <summary>The email builder's send page: offers and loyalty for a page of customers cost the same statements for 5 or
/// 50.</summary>
public sealed class OfferQueryCostTests(OfferQueryCostTests.Store store, ITestOutputHelper output)
    : IClassFixture<OfferQueryCostTests.Store>,
        IAsyncLifetime
{
    public sealed class Store : ApiFactory;

    private readonly ApiFactory _factory = store;

    public async Task InitializeAsync()
    {
        if (
            await _factory.DataAsync("{ customers(first: 1) { totalCount } }") is var d
            && d.GetProperty("customers").GetProperty("totalCount").GetInt32() > 0
        )
            return;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var c = 0; c < 120; c++)
        {
            await _factory.CustomerAsync($"c{c:000}", $"c{c}@example.com", c % 2 == 0 ? "FR" : "DE");
            for (var o = 0; o < c % 3; o++)
                await _factory.OrderAsync($"c{c:000}", $"c{c}-o{o}", start.AddDays(c + o * 7), 40m * (o + 1));
        }
        await _factory.SegmentAsync(
            "french",
            new Dictionary<string, object?> { ["country"] = new Dictionary<string, object?> { ["eq"] = "FR" } }
        );
        foreach (
            var (code, stages) in new[]
            {
                ("FIRST", "[PROSPECT]"),
                ("WELCOME", "[NEW]"),
                ("ALL", "[]"),
                ("FR-ONLY", "[]"),
            }
        )
        {
            var segments = code == "FR-ONLY" ? """, eligibleSegments: ["french"]""" : "";
            await _factory.DataAsync(
                $$"""mutation { createOffer(input: { id: "{{code}}", title: "{{code}}", rewardType: PERCENT_OFF, rewardValue: 10, cost: 2, status: ACTIVE, eligibleStages: {{stages}}{{segments}} }) { errors { message } } }"""
            );
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const string SendPage = """
        query SendPage($first: Int!, $after: String) {
          customers(first: $first, after: $after, order: [{ id: ASC }]) {
            pageInfo { endCursor }
            nodes { id offers(channel: EMAIL, first: 3) { code expiresAt offer { id title rewardType rewardValue } } loyalty { points tier nextTier pointsToNextTier } }
          }
        }
        """;

    [Fact]
    public async Task A_send_page_with_offers_and_loyalty_costs_the_same_statements_for_5_or_50_customers()
    {
        await StatementsAsync(5, skip: 0); // warm-up: the P(redeem) model lookup and the connection pool
        var forFive = await StatementsAsync(5, skip: 10);
        var forFifty = await StatementsAsync(50, skip: 30);

        output.WriteLine($"SQL statements: {forFive} for 5 customers, {forFifty} for 50.");
        Assert.Equal(forFive, forFifty);
        // page + memberships + score snapshot + tiers + assignments + INSERT + loyalty (2), and for the offer-assigned
        // events the customers' sequence UPDATE and its SELECT (their rows go through the bulk inserter's prepared
        // command, which the counter does not see); the running offers, experiments and active segments are read once
        // and reused (slack for their reload)
        Assert.InRange(forFifty, 10, 12);
    }

    /// <summary>Statements for a page of fresh customers (none holds an offer yet), after the first <paramref
    /// name="skip"/>.</summary>
    private async Task<long> StatementsAsync(int first, int skip)
    {
        var after =
            skip == 0
                ? null
                : (
                    await _factory.DataAsync(
                        "query Skip($n: Int!) { customers(first: $n, order: "
                            + "[{ id: ASC }]) { pageInfo { endCursor } } }",
                        new { n = skip }
                    )
                )
                    .GetProperty("customers")
                    .GetProperty("pageInfo")
                    .GetProperty("endCursor")
                    .GetString();
        var before = _factory.SqlStatements;
        var data = await _factory.DataAsync(SendPage, new { first, after });
        var spent = _factory.SqlStatements - before;
        var nodes = data.GetProperty("customers").GetProperty("nodes");
        Assert.Equal(first, nodes.GetArrayLength());
        Assert.Contains(nodes.EnumerateArray(), n => n.GetProperty("offers").GetArrayLength() > 0);
        return spent;
    }
}
