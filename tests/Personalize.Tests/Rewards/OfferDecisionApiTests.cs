using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Rewards;

/// <summary>Decisions through the real API: stable assignments, caps across channels, consent, cooldown,
/// concurrency.</summary>
public sealed class OfferDecisionApiTests
{
    private static async Task<RewardsApi> StoreAsync(int offers = 4, IDictionary<string, string?>? settings = null)
    {
        var api = new RewardsApi(settings);
        for (var i = 1; i <= offers; i++)
            await api.OfferAsync($"OFFER-{i}", cost: i);
        return api;
    }

    [Fact]
    public async Task The_offer_an_email_showed_is_the_one_the_storefront_shows_and_asking_again_assigns_nothing_new()
    {
        using var api = await StoreAsync();
        await api.CustomerAsync("ann", "ann@example.com");

        var email = await api.OffersForAsync("ann", Channel.Email, first: 2);
        var web = await api.OffersForAsync("ann", Channel.Web, first: 2);
        var again = await api.OffersForAsync("ann", Channel.Email, first: 2);

        Assert.Equal(2, email.Count);
        Assert.Equal(email, web);
        Assert.Equal(email, again);
        Assert.Equal(2, await api.DbAsync(db => db.OfferAssignments.CountAsync()));
        Assert.All(email, o => Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", o.Code));
    }

    [Fact]
    public async Task Offers_are_ranked_by_expected_net_value_cheapest_first_when_all_else_is_equal()
    {
        using var api = await StoreAsync();
        await api.CustomerAsync("bea", "bea@example.com");

        var offers = await api.OffersForAsync("bea", Channel.Web, first: 3);

        // Same stage, reward type and P(redeem): the net value falls with the cost (1, 2, 3, 4).
        Assert.Equal(["OFFER-1", "OFFER-2", "OFFER-3"], offers.Select(o => o.Offer));
    }

    [Fact]
    public async Task The_frequency_cap_holds_across_channels_over_a_rolling_window()
    {
        using var api = await StoreAsync(
            offers: 6,
            new Dictionary<string, string?> { ["Offers:MaxOffersPerWindow"] = "2", ["Offers:AssignmentDays"] = "30" }
        );
        await api.CustomerAsync("cat", "cat@example.com");

        Assert.Single(await api.OffersForAsync("cat", Channel.Email, first: 1));
        Assert.Equal(2, (await api.OffersForAsync("cat", Channel.Web, first: 5)).Count);
        Assert.Equal(2, (await api.OffersForAsync("cat", Channel.App, first: 5)).Count);

        api.Clock.Advance(TimeSpan.FromDays(7.1)); // the first two leave the window but stay open
        Assert.Equal(4, (await api.OffersForAsync("cat", Channel.Web, first: 5)).Count);
        Assert.Equal(4, await api.DbAsync(db => db.OfferAssignments.CountAsync()));
    }

    [Fact]
    public async Task Without_email_consent_the_email_gets_no_offer_while_the_web_does()
    {
        using var api = await StoreAsync();
        await api.CustomerAsync("dan", "dan@example.com", consent: false);
        await api.PostAsync(
            """mutation { upsertCustomer(input: { id: "dan", consentPersonalization: true, consentEmailMarketing: false }) { errors { message } } }"""
        );

        Assert.Empty(await api.OffersForAsync("dan", Channel.Email));
        Assert.Equal(3, (await api.OffersForAsync("dan", Channel.Web)).Count);
        // Offers held from the web are not mailed either.
        Assert.Empty(await api.OffersForAsync("dan", Channel.Email));
    }

    [Fact]
    public async Task A_redemption_starts_a_cooldown_without_new_offers_but_held_ones_stay()
    {
        using var api = await StoreAsync(
            offers: 6,
            new Dictionary<string, string?> { ["Offers:MaxOffersPerWindow"] = "10", ["Offers:AssignmentDays"] = "60" }
        );
        await api.CustomerAsync("eve", "eve@example.com");
        var held = await api.OffersForAsync("eve", Channel.Web, first: 2);
        await api.OrderAsync("eve", "E-1", api.Now, 80m);
        Assert.Empty((await api.RedeemAsync(held[0].Code, "E-1")).Errors);

        var during = await api.OffersForAsync("eve", Channel.Web, first: 4);
        Assert.Equal([held[1]], during);

        api.Clock.Advance(TimeSpan.FromDays(14.1));
        var after = await api.OffersForAsync("eve", Channel.Web, first: 4);
        Assert.Equal(4, after.Count);
        Assert.Contains(held[1], after);
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_customer_assign_each_offer_once()
    {
        using var api = await StoreAsync();
        await api.CustomerAsync("fay", "fay@example.com");

        var answers = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => api.OffersForAsync("fay", i % 2 == 0 ? Channel.Web : Channel.Email))
        );

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(3, await api.DbAsync(db => db.OfferAssignments.CountAsync()));
    }

    [Fact]
    public async Task A_minimum_loyalty_tier_is_checked_against_the_rolling_spend()
    {
        using var api = new RewardsApi();
        await api.OfferAsync("GOLD-ONLY", minTier: "GOLD");
        await api.CustomerAsync("gus", "gus@example.com");
        await api.OrderAsync("gus", "G-1", api.Now.AddDays(-3), 1000m);
        Assert.Empty(await api.OffersForAsync("gus", Channel.Web));

        await api.OrderAsync("gus", "G-2", api.Now.AddDays(-2), 600m); // 1,600 in 12 months: GOLD
        Assert.Equal("GOLD-ONLY", Assert.Single(await api.OffersForAsync("gus", Channel.Web)).Offer);
    }
}
