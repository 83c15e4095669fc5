using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Import;
using Personalize.Loyalty;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Rewards;

/// <summary>Points from orders, tiers, spending, referrals, expiry and the rebuild of imported history, through the
/// API.</summary>
public sealed class LoyaltyApiTests
{
    private const string LoyaltyQuery = """
        query Loyalty($id: ID!) { customer(id: $id) { loyalty { points tier tierMultiplier nextTier pointsToNextTier spendToNextTier rollingSpend history(first: 50) { kind points description balanceAfter } } } }
        """;

    private static async Task<System.Text.Json.JsonElement> LoyaltyAsync(RewardsApi api, string id) =>
        (await api.PostAsync(LoyaltyQuery, new { id })).GetProperty("customer").GetProperty("loyalty");

    [Fact]
    public async Task Recording_an_order_earns_its_points_once()
    {
        using var api = new RewardsApi();
        await api.OrderAsync("ann", "A-1", api.Now.AddDays(-1), 120.75m);
        await api.OrderAsync("ann", "A-1", api.Now.AddDays(-1), 120.75m);

        var loyalty = await LoyaltyAsync(api, "ann");
        Assert.Equal(120, loyalty.GetProperty("points").GetInt32());
        Assert.Equal(
            "EARN",
            Assert.Single(loyalty.GetProperty("history").EnumerateArray()).GetProperty("kind").GetString()
        );
    }

    [Fact]
    public async Task The_tier_comes_from_the_rolling_12_month_spend_and_multiplies_later_orders()
    {
        using var api = new RewardsApi();
        await api.OrderAsync("bea", "B-1", api.Now.AddDays(-30), 600m); // MEMBER when placed: 600 points
        await api.OrderAsync("bea", "B-2", api.Now.AddDays(-10), 100m); // SILVER (600 before it): 125 points

        var loyalty = await LoyaltyAsync(api, "bea");
        Assert.Equal(725, loyalty.GetProperty("points").GetInt32());
        Assert.Equal("SILVER", loyalty.GetProperty("tier").GetString());
        Assert.Equal("GOLD", loyalty.GetProperty("nextTier").GetString());
        Assert.Equal(800m, loyalty.GetProperty("spendToNextTier").GetDecimal());
        Assert.Equal(1000, loyalty.GetProperty("pointsToNextTier").GetInt32()); // 800 × 1 point × 1.25

        api.Clock.Advance(TimeSpan.FromDays(366)); // the orders leave the window
        Assert.Equal("MEMBER", (await LoyaltyAsync(api, "bea")).GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Unspent_points_expire_after_the_configured_months()
    {
        using var api = new RewardsApi(new Dictionary<string, string?> { ["Loyalty:ExpiryMonths"] = "6" });
        await api.OrderAsync("cat", "C-1", api.Now.AddDays(-1), 200m);
        await api.PostAsync(
            """mutation { redeemPoints(input: { customerId: "cat", points: 50, idempotencyKey: "k1" }) { errors { message } } }"""
        );

        api.Clock.Advance(TimeSpan.FromDays(200));
        var loyalty = await LoyaltyAsync(api, "cat");
        Assert.Equal(0, loyalty.GetProperty("points").GetInt32());
        var expired = loyalty.GetProperty("history")[0];
        Assert.Equal("EXPIRE", expired.GetProperty("kind").GetString());
        Assert.Equal(-150, expired.GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task Spending_points_is_idempotent_and_never_beyond_the_balance()
    {
        using var api = new RewardsApi();
        await api.OrderAsync("dan", "D-1", api.Now.AddDays(-1), 300m);
        const string spend = """
            mutation Spend($points: Int!, $key: ID!) { redeemPoints(input: { customerId: "dan", points: $points, idempotencyKey: $key, description: "Gift card" }) {
              loyaltyAccount { points } errors { __typename field } } }
            """;
        async Task<(int? Points, string Errors)> SpendAsync(int points, string key)
        {
            var payload = (await api.PostAsync(spend, new { points, key })).GetProperty("redeemPoints");
            var account = payload.GetProperty("loyaltyAccount");
            return (
                account.ValueKind == System.Text.Json.JsonValueKind.Null
                    ? null
                    : account.GetProperty("points").GetInt32(),
                string.Join(
                    ",",
                    payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("__typename").GetString())
                )
            );
        }

        Assert.Equal((200, ""), await SpendAsync(100, "order-1"));
        Assert.Equal((200, ""), await SpendAsync(100, "order-1"));
        Assert.Equal((null, "ConflictError"), await SpendAsync(150, "order-1"));
        Assert.Equal((null, "ValidationError"), await SpendAsync(201, "order-2"));
        Assert.Equal(2, await api.DbAsync(db => db.LoyaltyEntries.CountAsync()));

        // Concurrent spends of the whole balance under different keys: exactly one succeeds.
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SpendAsync(200, $"race-{i}")));
        Assert.Single(racing, r => r.Errors == "");
        Assert.Equal(0, (await LoyaltyAsync(api, "dan")).GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task A_referral_rewards_both_sides_once()
    {
        using var api = new RewardsApi();
        foreach (var id in new[] { "eve", "fay", "gus" })
            await api.CustomerAsync(id, $"{id}@example.com");
        const string refer = """
            mutation Refer($referrer: ID!, $referee: ID!) { recordReferral(input: { referrerId: $referrer, refereeId: $referee }) {
              referral { referrer { points } referee { points } } errors { __typename field } } }
            """;
        async Task<string[]> ReferAsync(string referrer, string referee) =>
            (await api.PostAsync(refer, new { referrer, referee }))
                .GetProperty("recordReferral")
                .GetProperty("errors")
                .EnumerateArray()
                .Select(e => e.GetProperty("__typename").GetString()!)
                .ToArray();

        Assert.Empty(await ReferAsync("eve", "fay"));
        Assert.Empty(await ReferAsync("eve", "fay"));
        Assert.Equal(["ConflictError"], await ReferAsync("gus", "fay"));
        Assert.Equal(["ValidationError"], await ReferAsync("gus", "gus"));
        Assert.Equal(["NotFoundError"], await ReferAsync("gus", "nobody"));

        Assert.Equal(500, (await LoyaltyAsync(api, "eve")).GetProperty("points").GetInt32());
        Assert.Equal(250, (await LoyaltyAsync(api, "fay")).GetProperty("points").GetInt32());
        Assert.Equal(0, (await LoyaltyAsync(api, "gus")).GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task The_rebuild_gives_imported_orders_the_points_recording_them_gives_and_runs_once()
    {
        using var api = new RewardsApi();
        var orders = new[] { ("O-1", -400, 700m), ("O-2", -200, 900m), ("O-3", -100, 300m), ("O-4", -10, 120.5m) };
        foreach (var (id, days, amount) in orders)
            await api.OrderAsync("recorded", $"R{id}", api.Now.AddDays(days), amount);

        var csv = Path.Combine(api.Directory, "orders.csv");
        await File.WriteAllLinesAsync(
            csv,
            orders
                .Select(o =>
                    $"imported,I{o.Item1},{api.Now.AddDays(o.Item2):yyyy-MM-ddTHH:mm:ssZ},{o.Item3.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                )
                .Prepend("customer_id,order_id,ordered_at,amount")
        );
        var import = await api
            .Services.GetRequiredService<DataImporter>()
            .ImportFileAsync(ImportKind.Orders, csv, new ImportOptions(), null, default);
        Assert.True(import.Committed, import.ToString());

        var rebuilder = api.Services.GetRequiredService<LoyaltyRebuilder>();
        var first = await rebuilder.RebuildAsync();
        var second = await rebuilder.RebuildAsync();

        Assert.Equal(4, first.EntriesCreated);
        Assert.Equal(0, second.EntriesCreated);
        var recorded = await LoyaltyAsync(api, "recorded");
        var imported = await LoyaltyAsync(api, "imported");
        Assert.Equal(recorded.GetProperty("points").GetInt32(), imported.GetProperty("points").GetInt32());
        // 700 (MEMBER) + 900 × 1.25 (SILVER: 700 before) + 300 × 1.5 (GOLD: 1,600 before) + 120.5 × 1.25 (SILVER: O-1
        // left the window)
        Assert.Equal(700 + 1125 + 450 + 150, imported.GetProperty("points").GetInt32());
    }
}
