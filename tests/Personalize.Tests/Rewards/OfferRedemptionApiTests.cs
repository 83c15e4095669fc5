using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Rewards;

/// <summary>redeemOffer over real HTTP: idempotent, owner checked, budget and caps atomic under concurrency.</summary>
public sealed class OfferRedemptionApiTests
{
    [Fact]
    public async Task Redeeming_the_same_code_with_the_same_order_again_counts_once()
    {
        using var api = new RewardsApi();
        await api.OfferAsync("TEN", cost: 7.5m, budget: 100m);
        await api.CustomerAsync("ann", "ann@example.com");
        var code = (await api.OffersForAsync("ann", Channel.Web)).Single().Code;
        await api.OrderAsync("ann", "A-1", api.Now, 50m);

        var first = await api.RedeemAsync(code, "A-1");
        var second = await api.RedeemAsync(code.ToLowerInvariant(), "A-1");

        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
        Assert.Equal(
            first.Payload.GetProperty("offerAssignment").GetProperty("redeemedAt").GetString(),
            second.Payload.GetProperty("offerAssignment").GetProperty("redeemedAt").GetString()
        );
        Assert.Equal(7.5m, await api.DbAsync(db => db.Offers.Select(o => o.BudgetSpent).SingleAsync()));
    }

    [Fact]
    public async Task A_code_redeems_only_on_an_order_of_its_customer_once_and_before_it_expires()
    {
        using var api = new RewardsApi();
        await api.OfferAsync("TEN", budget: 100m);
        await api.CustomerAsync("ann", "ann@example.com");
        await api.CustomerAsync("bob", "bob@example.com");
        var code = (await api.OffersForAsync("ann", Channel.Web)).Single().Code;
        await api.OrderAsync("bob", "B-1", api.Now, 50m);
        await api.OrderAsync("ann", "A-1", api.Now, 50m);
        await api.OrderAsync("ann", "A-2", api.Now, 50m);

        Assert.Equal(["NotFoundError"], (await api.RedeemAsync("NOPE-NOPE-NOPE", "A-1")).Errors);
        Assert.Equal(["NotFoundError"], (await api.RedeemAsync(code, "A-404")).Errors);
        Assert.Equal(["ValidationError"], (await api.RedeemAsync(code, "B-1")).Errors);
        Assert.Empty((await api.RedeemAsync(code, "A-1")).Errors);
        Assert.Equal(["ConflictError"], (await api.RedeemAsync(code, "A-2")).Errors);

        await api.CustomerAsync("cid", "cid@example.com");
        var late = (await api.OffersForAsync("cid", Channel.Web)).Single().Code;
        api.Clock.Advance(TimeSpan.FromDays(15));
        await api.OrderAsync("cid", "C-1", api.Now, 50m);
        var expired = await api.RedeemAsync(late, "C-1");
        Assert.Equal(["ValidationError"], expired.Errors);
        Assert.Contains("expired", expired.Payload.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(5m, await api.DbAsync(db => db.Offers.Select(o => o.BudgetSpent).SingleAsync()));
    }

    [Fact]
    public async Task An_order_recorded_under_another_source_is_named_with_how_to_pass_it()
    {
        using var api = new RewardsApi();
        await api.OfferAsync("TEN", budget: 100m);
        await api.CustomerAsync("ann", "ann@example.com");
        var code = (await api.OffersForAsync("ann", Channel.Web)).Single().Code;
        var recorded = await api
            .Services.GetRequiredService<Personalize.Orders.OrderService>()
            .RecordAsync(
                new Personalize.Orders.RecordOrderInput("ann", "SO-000036", api.Now, 50m, Source: "shopify"),
                default
            );
        Assert.True(recorded.Succeeded);

        var (payload, errors) = await api.RedeemAsync(code, "SO-000036");
        Assert.Equal(["NotFoundError"], errors);
        var error = payload.GetProperty("errors")[0];
        Assert.Equal(
            "No order has the id 'SO-000036' in the source 'default'; it was recorded with the source "
                + "'shopify': pass `source: \"shopify\"`.",
            error.GetProperty("message").GetString()
        );
        Assert.Equal("input.orderId", error.GetProperty("field").GetString());
        Assert.Contains(
            "Record it with `recordOrder` first",
            (await api.RedeemAsync(code, "SO-404")).Payload.GetProperty("errors")[0].GetProperty("message").GetString()
        );
    }

    [Fact]
    public async Task Fifty_parallel_redemptions_never_overspend_a_small_budget_nor_count_a_code_twice()
    {
        using var api = new RewardsApi();
        await api.OfferAsync("SCARCE", cost: 1m, budget: 10m);
        var customers = Enumerable.Range(0, 50).Select(i => $"c{i:00}").ToList();
        foreach (var c in customers)
            await api.CustomerAsync(c, $"{c}@example.com");
        var page = await api.PostAsync(
            "{ customers(first: 50) { nodes { id offers(channel: EMAIL, first: 1) { code } } } }"
        );
        var codes = page.GetProperty("customers")
            .GetProperty("nodes")
            .EnumerateArray()
            .ToDictionary(
                n => n.GetProperty("id").GetString()!,
                n => n.GetProperty("offers")[0].GetProperty("code").GetString()!
            );
        foreach (var c in customers)
            await api.OrderAsync(c, $"{c}-order", api.Now, 30m);

        // Every code is sent twice at the same time: 100 requests, 50 codes, a budget for 10.
        var requests = customers.Concat(customers).Select(c => api.RedeemAsync(codes[c], $"{c}-order"));
        var results = await Task.WhenAll(requests);

        var redeemed = await api.DbAsync(db => db.OfferAssignments.CountAsync(a => a.RedeemedAt != null));
        Assert.Equal(10, redeemed);
        Assert.Equal(10m, await api.DbAsync(db => db.Offers.Select(o => o.BudgetSpent).SingleAsync()));
        // each of the 10 redeemed codes succeeded on both of its requests
        Assert.Equal(20, results.Count(r => r.Errors.Length == 0));
        Assert.All(results.Where(r => r.Errors.Length > 0), r => Assert.Equal(["ConflictError"], r.Errors));
    }

    [Fact]
    public async Task The_per_customer_cap_limits_later_rounds_of_the_same_offer()
    {
        using var api = new RewardsApi(
            new Dictionary<string, string?> { ["Offers:CooldownDaysAfterRedemption"] = "0" }
        );
        await api.OfferAsync("ONCE", cap: 1);
        await api.OfferAsync("TWICE", cap: 2, cost: 6m);
        await api.CustomerAsync("ann", "ann@example.com");

        for (var round = 1; round <= 3; round++)
        {
            var offers = await api.OffersForAsync("ann", Channel.Web);
            await api.OrderAsync("ann", $"A-{round}", api.Now, 50m);
            foreach (var (code, _) in offers)
                Assert.Empty((await api.RedeemAsync(code, $"A-{round}")).Errors);
            api.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var redeemed = await api.DbAsync(db =>
            db.OfferAssignments.Where(a => a.RedeemedAt != null)
                .GroupBy(a => a.Offer.Code)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count)
        );
        Assert.Equal(1, redeemed["ONCE"]);
        Assert.Equal(2, redeemed["TWICE"]);
    }

    [Fact]
    public async Task A_bonus_points_offer_credits_its_points_when_redeemed()
    {
        using var api = new RewardsApi();
        await api.OfferAsync("BONUS", type: RewardType.BonusPoints, rewardValue: 300m, cost: 3m);
        await api.CustomerAsync("ann", "ann@example.com");
        var code = (await api.OffersForAsync("ann", Channel.App)).Single().Code;
        await api.OrderAsync("ann", "A-1", api.Now, 20m);
        Assert.Empty((await api.RedeemAsync(code, "A-1")).Errors);
        Assert.Empty((await api.RedeemAsync(code, "A-1")).Errors);

        var loyalty = await api.PostAsync("""{ customer(id: "ann") { loyalty { points history { kind points } } } }""");
        Assert.Equal(320, loyalty.GetProperty("customer").GetProperty("loyalty").GetProperty("points").GetInt32());
    }
}
