using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Caching;
using Personalize.Recommendations.Serving;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Recommendations;

/// <summary>`personalize`, `Customer.recommendations` and placements through GraphQL, on the demo store (trained when
/// seeded).</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class RecommendationQueryTests(DemoStoreFactory store, ITestOutputHelper output)
{
    private const string Personalize = """
        query($id: ID!, $placement: String!, $channel: Channel!, $first: Int) {
          personalize(customerId: $id, placement: $placement, channel: $channel, first: $first) {
            customer { id lifecycleStage }
            stage
            recommendations { score item { id title kind channels } reason { code text relatedItem { id title } } }
          }
        }
        """;

    private static readonly string[] PersonalReasons = ["BECAUSE_YOU_BOUGHT", "BECAUSE_YOU_VIEWED", "BUY_AGAIN"];
    private static readonly string[] NonPersonalCodes = ["NOT_PERSONALIZED", "PINNED", "NEW_ARRIVAL"];

    private async Task<string> CustomerIdAsync(bool consent) =>
        (
            await store.DataAsync(
                $$"""{ customers(first: 1, where: { consentPersonalization: { eq: {{(consent ? "true" : "false")}} }, orderCount: { gte: 4 } }, order: [{ id: ASC }]) { nodes { id } } }"""
            )
        )
            .GetProperty("customers")
            .GetProperty("nodes")[0]
            .GetProperty("id")
            .GetString()!;

    private async Task<JsonElement> PersonalizeAsync(
        string id,
        string placement = "product-page",
        string channel = "WEB",
        int first = 10
    ) =>
        (
            await store.DataAsync(
                Personalize,
                new
                {
                    id,
                    placement,
                    channel,
                    first,
                }
            )
        ).GetProperty("personalize");

    private static string[] Codes(JsonElement personalization) =>
        personalization
            .GetProperty("recommendations")
            .EnumerateArray()
            .Select(r => r.GetProperty("reason").GetProperty("code").GetString()!)
            .ToArray();

    private static IEnumerable<string> Reasons(JsonElement personalization, string code) =>
        personalization
            .GetProperty("recommendations")
            .EnumerateArray()
            .Select(r => r.GetProperty("reason"))
            .Where(r => r.GetProperty("code").GetString() == code)
            .Select(r => r.GetProperty("text").GetString()!);

    [Fact]
    public async Task A_customer_with_history_gets_personal_recommendations_that_say_why()
    {
        var result = await PersonalizeAsync(await CustomerIdAsync(consent: true));

        var recommendations = result.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(10, recommendations.Count);
        Assert.Equal(
            result.GetProperty("customer").GetProperty("lifecycleStage").GetString(),
            result.GetProperty("stage").GetString()
        );
        Assert.Contains(Codes(result), PersonalReasons.Contains);
        Assert.All(recommendations, r =>
            Assert.Contains(
                "WEB",
                r.GetProperty("item").GetProperty("channels").EnumerateArray().Select(c => c.GetString())
            )
        );
        foreach (
            var r in recommendations.Where(r =>
                r.GetProperty("reason").GetProperty("code").GetString()!.StartsWith("BECAUSE_")
            )
        )
            Assert.EndsWith(
                r.GetProperty("reason").GetProperty("relatedItem").GetProperty("title").GetString()!,
                r.GetProperty("reason").GetProperty("text").GetString()
            );
        var scores = recommendations.Select(r => r.GetProperty("score").GetDouble()).ToList();
        // best first; the last slot may be a new item
        Assert.Equal(scores.OrderDescending().Take(scores.Count - 1), scores.Take(scores.Count - 1));
    }

    [Fact]
    public async Task A_placement_typo_and_a_short_list_are_said_not_silent()
    {
        var id = await CustomerIdAsync(consent: true);
        var result = await store.GraphQLAsync(
            """
            query($id: ID!) {
              personalize(customerId: $id, placement: "home-heor", channel: WEB, first: 50) { recommendations { item { id } } notes }
              customer(id: $id) { recommendations(first: 3, placement: "home-heor") { item { id } } }
            }
            """,
            new { id }
        );

        var personalize = result.GetProperty("data").GetProperty("personalize");
        var returned = personalize.GetProperty("recommendations").GetArrayLength();
        var notes = personalize.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("No placement has the id 'home-heor'"));
        if (returned < 50)
            Assert.Contains(notes, n => n.StartsWith($"{returned} of the 50 recommendations asked for"));
        Assert.Equal(
            ["No placement has the id 'home-heor': no pins, buries, exclusions or diversity limits applied."],
            result.GetProperty("extensions").GetProperty("warnings").EnumerateArray().Select(w => w.GetString())
        );

        var known = await store.GraphQLAsync(
            "query($id: ID!) { personalize(customerId: $id, placement: "
                + "\"home-hero\", channel: WEB, first: 1) { notes } }",
            new { id }
        );
        Assert.Empty(known.GetProperty("data").GetProperty("personalize").GetProperty("notes").EnumerateArray());
        Assert.False(known.TryGetProperty("extensions", out _));
    }

    [Fact]
    public async Task A_customer_without_personalization_consent_gets_non_personal_recommendations_and_the_reason_says_so()
    {
        var result = await PersonalizeAsync(await CustomerIdAsync(consent: false));

        Assert.Contains("NOT_PERSONALIZED", Codes(result));
        Assert.All(Codes(result), code => Assert.Contains(code, NonPersonalCodes));
        Assert.All(Reasons(result, "NOT_PERSONALIZED"), text =>
            Assert.EndsWith("has not agreed to personalization)", text)
        );
    }

    [Fact]
    public async Task An_unknown_customer_id_gets_the_answer_for_an_anonymous_prospect()
    {
        var result = await PersonalizeAsync("never-seen-4711", placement: "home-hero");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("customer").ValueKind);
        Assert.Equal("PROSPECT", result.GetProperty("stage").GetString());
        Assert.Contains("NOT_PERSONALIZED", Codes(result));
        Assert.All(Codes(result), code => Assert.Contains(code, NonPersonalCodes));
        Assert.All(Reasons(result, "NOT_PERSONALIZED"), text =>
            Assert.EndsWith("this customer id is not known yet)", text)
        );
        Assert.All(Reasons(result, "PINNED"), text => Assert.Equal("Featured", text));
    }

    [Fact]
    public async Task A_new_prospect_who_consents_gets_stage_popularity_and_content_picked_for_prospects()
    {
        await store.DataAsync(
            """mutation { upsertCustomer(input: { id: "cold-start-1", consentPersonalization: true }) { errors { message } } }"""
        );

        var result = await PersonalizeAsync("cold-start-1", first: 12);

        Assert.Equal("PROSPECT", result.GetProperty("stage").GetString());
        var codes = Codes(result);
        Assert.Contains("PICKED_FOR_STAGE", codes);
        Assert.Contains("POPULAR_WITH_STAGE", codes);
        Assert.DoesNotContain(codes, PersonalReasons.Contains);
    }

    [Fact]
    public async Task Recommendations_for_a_page_of_customers_cost_the_same_statements_for_5_and_200_customers()
    {
        const string Page = """
            query($first: Int!) { customers(first: $first, order: [{ id: DESC }]) { nodes { id
              recommendations(first: 4, placement: "email-block", channel: EMAIL) { item { id } reason { code relatedItem { id } } } } } }
            """;
        async Task<long> Statements(int first, bool fromEmptyNearCache = true)
        {
            if (fromEmptyNearCache)
                store.Services.GetRequiredService<CustomerNearCache>().InvalidateAll();
            var before = store.SqlStatements;
            var data = await store.DataAsync(Page, new { first });
            var after = store.SqlStatements;
            Assert.All(data.GetProperty("customers").GetProperty("nodes").EnumerateArray(), n =>
                Assert.NotEqual(0, n.GetProperty("recommendations").GetArrayLength())
            );
            return after - before;
        }

        var (coldFive, coldPage) = (await Statements(5), await Statements(200));
        var (five, page) = (await Statements(5), await Statements(200));

        output.WriteLine(
            $"SQL statements: {five} for 5 customers, {page} for 200 (first reads: {coldFive}, {coldPage})."
        );
        Assert.Equal(five, page);
        // customers page + what the customers took; lists the cache lacks add one statement, whatever the page size
        Assert.InRange(page, 2, 3);
        Assert.InRange(coldPage, page, page + 1);
        // Held in the near cache, what the customers took costs nothing: the page alone.
        Assert.Equal(1, await Statements(200, fromEmptyNearCache: false));
    }

    [Fact]
    public async Task A_placement_pins_excludes_and_limits_kinds_once_upserted()
    {
        var id = await CustomerIdAsync(consent: true);
        var before = (await PersonalizeAsync(id, placement: "test-pins"))
            .GetProperty("recommendations")
            .EnumerateArray()
            .Select(r => r.GetProperty("item").GetProperty("id").GetString()!)
            .ToList();
        var (pinned, excluded) = ("video-tent-pitching-in-90-seconds", before[0]);

        var upserted = await store.DataAsync(
            $$"""
            mutation { upsertPlacement(input: { id: "test-pins", maxPerKind: 2, pinned: ["{{pinned}}"], excluded: ["{{excluded}}"] }) {
              placement { id maxPerKind pinned { id } excluded { id } } errors { message } } }
            """
        );
        Assert.Equal(0, upserted.GetProperty("upsertPlacement").GetProperty("errors").GetArrayLength());
        await store.Services.GetRequiredService<RecommendationSnapshots>().RefreshAsync(CancellationToken.None);

        var after = (await PersonalizeAsync(id, placement: "test-pins"))
            .GetProperty("recommendations")
            .EnumerateArray()
            .ToList();
        Assert.Equal(pinned, after[0].GetProperty("item").GetProperty("id").GetString());
        Assert.Equal("PINNED", after[0].GetProperty("reason").GetProperty("code").GetString());
        Assert.DoesNotContain(after, r => r.GetProperty("item").GetProperty("id").GetString() == before[0]);
        Assert.All(after.GroupBy(r => r.GetProperty("item").GetProperty("kind").GetString()), g =>
            Assert.True(g.Count() <= 2, $"{g.Key}: {g.Count()}")
        );
    }

    [Fact]
    public async Task Upserting_a_placement_with_an_unknown_item_or_an_item_under_two_rules_writes_nothing_and_says_where()
    {
        var result = (
            await store.DataAsync(
                """
                mutation { upsertPlacement(input: { id: "test-invalid", pinned: ["video-tent-pitching-in-90-seconds", "no-such-item"],
                  buried: ["video-tent-pitching-in-90-seconds"] }) { placement { id } errors { __typename field } } }
                """
            )
        ).GetProperty("upsertPlacement");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("placement").ValueKind);
        var errors = result
            .GetProperty("errors")
            .EnumerateArray()
            .Select(e => (e.GetProperty("__typename").GetString(), e.GetProperty("field").GetString()))
            .ToList();
        Assert.Equal([("NotFoundError", "input.pinned[1]"), ("ValidationError", "input.buried[0]")], errors);
        var placements = await store.DataAsync("{ placements { id } }");
        Assert.DoesNotContain(placements.GetProperty("placements").EnumerateArray(), p =>
            p.GetProperty("id").GetString() == "test-invalid"
        );
    }

    [Fact]
    public async Task Asking_for_more_than_fifty_recommendations_is_an_argument_error()
    {
        var result = await store.GraphQLAsync(
            """{ personalize(customerId: "C00001", placement: "cart", channel: WEB, first: 51) { stage recommendations { score } } }"""
        );
        Assert.Contains("first: between 0 and 50", result.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
