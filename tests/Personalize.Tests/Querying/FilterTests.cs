using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Querying;
using Personalize.Segments;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Querying;

public sealed class FilterTests : IClassFixture<FilterTests.Store>
{
    private readonly ApiFactory _factory;

    public FilterTests(Store store) => _factory = store;

    /// <summary>Five customers and four content items, written once for the class.</summary>
    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            await this.CustomerAsync("ann", "Ann.Smith@Example.com", "FR");
            await this.CustomerAsync("bob", "bob@example.org", "DE", consent: false);
            await this.CustomerAsync("cid", "cid@shop.fr", "FR");
            await this.CustomerAsync("dee", null, null);
            await this.CustomerAsync("eve", "eve@example.com", "ES");
            var now = DateTime.UtcNow;
            await this.OrderAsync("ann", "a1", now.AddDays(-200), 120m);
            await this.OrderAsync("ann", "a2", now.AddDays(-10), 80m);
            await this.OrderAsync("bob", "b1", now.AddDays(-5), 15.5m);
            await this.OrderAsync("eve", "e1", now.AddDays(-120), 300m);
            foreach (
                var item in new[]
                {
                    """{ id: "hiking-guide", kind: GUIDE, title: "Hiking guide", tags: ["Outdoor", "hiking"], targetStages: [NEW, ACTIVE], channels: [WEB, EMAIL], status: PUBLISHED }""",
                    """{ id: "tent-video", kind: VIDEO, title: "Pitching a tent", tags: ["outdoor"], targetStages: [LAPSED], channels: [APP], status: PUBLISHED }""",
                    """{ id: "vip-webinar", kind: WEBINAR, title: "VIP evening", targetStages: [LOYAL], channels: [EMAIL], status: DRAFT }""",
                    """{ id: "everyone", kind: ARTICLE, title: "For everyone", status: PUBLISHED }""",
                }
            )
            {
                var result = await DataAsync(
                    $$"""mutation { createContentItem(input: {{item}}) { errors { field message } } }"""
                );
                Assert.Equal(0, result.GetProperty("createContentItem").GetProperty("errors").GetArrayLength());
            }
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private async Task<string[]> CustomerIdsAsync(string where)
    {
        var data = await _factory.DataAsync(
            $$"""{ customers(first: 50, where: {{where}}, order: [{ id: ASC }]) { totalCount nodes { id } } }"""
        );
        var connection = data.GetProperty("customers");
        var ids = connection
            .GetProperty("nodes")
            .EnumerateArray()
            .Select(n => n.GetProperty("id").GetString()!)
            .ToArray();
        Assert.Equal(ids.Length, connection.GetProperty("totalCount").GetInt32());
        return ids;
    }

    private async Task<string[]> ContentIdsAsync(string where)
    {
        var data = await _factory.DataAsync(
            $$"""{ contentItems(first: 50, where: {{where}}, order: [{ id: ASC }]) { nodes { id } } }"""
        );
        return data.GetProperty("contentItems")
            .GetProperty("nodes")
            .EnumerateArray()
            .Select(n => n.GetProperty("id").GetString()!)
            .ToArray();
    }

    [Theory]
    [InlineData("""{ country: { eq: "FR" } }""", "ann,cid")]
    [InlineData("""{ country: { neq: "FR" } }""", "bob,dee,eve")] // as in C#: null differs from "FR"
    [InlineData("""{ country: { in: ["DE", "ES"] } }""", "bob,eve")]
    [InlineData("""{ country: { nin: ["DE", "ES"] } }""", "ann,cid,dee")]
    [InlineData("""{ country: { eq: null } }""", "dee")]
    [InlineData("""{ email: { contains: "example" } }""", "ann,bob,eve")] // emails are stored in lower case
    [InlineData("""{ email: { contains: "EXAMPLE" } }""", "")]
    [InlineData("""{ email: { contains: "EXAMPLE", mode: CASE_INSENSITIVE } }""", "ann,bob,eve")]
    [InlineData("""{ email: { eq: "ANN.SMITH@EXAMPLE.COM", mode: CASE_INSENSITIVE } }""", "ann")]
    [InlineData("""{ email: { startsWith: "cid@" } }""", "cid")]
    [InlineData("""{ email: { endsWith: ".org" } }""", "bob")]
    [InlineData("""{ totalSpent: { gt: 100 } }""", "ann,eve")]
    [InlineData("""{ totalSpent: { gte: 15.5, lte: 200 } }""", "ann,bob")]
    [InlineData("""{ totalSpent: { lt: 15.5 } }""", "cid,dee")]
    [InlineData("""{ orderCount: { in: [0, 2] } }""", "ann,cid,dee")]
    [InlineData("""{ consentEmailMarketing: { eq: false } }""", "bob")]
    [InlineData("""{ lifecycleStage: { eq: PROSPECT } }""", "cid,dee")]
    [InlineData("""{ lifecycleStage: { in: [ACTIVE, AT_RISK] } }""", "ann,eve")]
    [InlineData("""{ or: [{ country: { eq: "ES" } }, { orderCount: { eq: 0 }, country: { eq: "FR" } }] }""", "cid,eve")]
    [InlineData(
        """{ and: [{ country: { eq: "FR" } }, { or: [{ totalSpent: { gt: 150 } }, { email: { contains: "shop" } }] }] }""",
        "ann,cid"
    )]
    [InlineData("""{ lastOrderAt: { eq: null } }""", "cid,dee")]
    public async Task Customer_filters_run_in_SQL_with_the_documented_semantics(string where, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await CustomerIdsAsync(where));
    }

    [Theory]
    [InlineData("""{ tags: { some: { eq: "outdoor" } } }""", "hiking-guide,tent-video")]
    [InlineData("""{ tags: { none: { eq: "hiking" } } }""", "everyone,tent-video,vip-webinar")]
    [InlineData("""{ tags: { any: false } }""", "everyone,vip-webinar")]
    [InlineData("""{ targetStages: { some: { eq: LAPSED } } }""", "tent-video")]
    [InlineData("""{ targetStages: { some: { in: [NEW, LOYAL] } } }""", "hiking-guide,vip-webinar")]
    [InlineData("""{ targetStages: { all: { in: [NEW, ACTIVE, LAPSED] }, any: true } }""", "hiking-guide,tent-video")]
    [InlineData("""{ targetStages: { any: false } }""", "everyone")]
    [InlineData("""{ channels: { some: { eq: EMAIL } }, status: { eq: PUBLISHED } }""", "everyone,hiking-guide")]
    [InlineData("""{ kind: { in: [VIDEO, WEBINAR] } }""", "tent-video,vip-webinar")]
    public async Task Content_filters_on_lists_and_sets_run_in_SQL(string where, string expected)
    {
        Assert.Equal(expected.Split(','), await ContentIdsAsync(where));
    }

    [Theory]
    [InlineData("""{ customers(where: { email: { gt: "a" } }) { nodes { id } } }""", "In field 'gt': Unknown field")]
    [InlineData("""{ customers(where: { totalSpent: { contains: "1" } }) { nodes { id } } }""", "contains")]
    [InlineData(
        """{ customers(order: [{ id: ASC, email: DESC }]) { nodes { id } } }""",
        "order[0]: set exactly one field per sort object"
    )]
    public async Task Bad_filters_are_refused_with_the_path_and_the_reason(string query, string expected)
    {
        var result = await _factory.GraphQLAsync(query);
        Assert.Contains(expected, result.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(
            result.TryGetProperty("data", out var data)
                && data.ValueKind == JsonValueKind.Object
                && data.GetProperty("customers").ValueKind != JsonValueKind.Null
        );
    }

    [Fact]
    public async Task A_segment_rule_is_the_customers_filter_and_a_bad_rule_is_refused_with_its_path()
    {
        var created = await _factory.DataAsync(
            """
            mutation { createSegment(input: { id: "french-buyers", name: "French buyers", rule: { country: { eq: "FR" }, orderCount: { gte: 1 } } }) {
              segment { id size rule customers { nodes { id } } } errors { message } } }
            """
        );
        var segment = created.GetProperty("createSegment").GetProperty("segment");
        Assert.Equal(1, segment.GetProperty("size").GetInt32());
        Assert.Equal("ann", segment.GetProperty("customers").GetProperty("nodes")[0].GetProperty("id").GetString());

        // The stored rule comes back as an object that is a `where:` again.
        var rule = segment.GetProperty("rule");
        Assert.Equal(JsonValueKind.Object, rule.ValueKind);
        Assert.Equal("FR", rule.GetProperty("country").GetProperty("eq").GetString());
        var again = await _factory.DataAsync(
            "query($w: CustomerFilterInput) { customers(where: $w) { nodes { id } } }",
            new { w = rule }
        );
        Assert.Equal(
            ["ann"],
            again
                .GetProperty("customers")
                .GetProperty("nodes")
                .EnumerateArray()
                .Select(n => n.GetProperty("id").GetString())
        );

        var member = await _factory.DataAsync("""{ customer(id: "ann") { segments { id } } }""");
        Assert.Contains(
            "french-buyers",
            member
                .GetProperty("customer")
                .GetProperty("segments")
                .EnumerateArray()
                .Select(s => s.GetProperty("id").GetString())
        );

        var badType = await _factory.GraphQLAsync(
            """
            mutation { createSegment(input: { id: "bad", name: "Bad", rule: { and: [{ lifecycleStage: { eq: LOYAL } }, { totalSpent: { gte: "lots" } }] } }) { errors { message } } }
            """
        );
        Assert.Contains(
            "In field 'rule': [In field 'and': [In element #2: [In field 'totalSpent': [In field 'gte': "
                + "[Expected type 'Decimal'",
            badType.GetProperty("errors")[0].GetProperty("message").GetString()
        );

        // A rule that arrives as data (an import, a stored JSON) goes through the same translator, which names the
        // path.
        var data = FilterJson.Parse(
            """{ "and": [{ "lifecycleStage": { "eq": "LOYAL" } }, { "totalSpent": { "gte": "lots" } }] }"""
        );
        var result = await _factory
            .Services.GetRequiredService<SegmentService>()
            .CreateAsync(new SegmentInput("bad", "Bad", null, data), default);
        Assert.Null(result.Value);
        Assert.Equal("input.rule.and[1].totalSpent.gte", result.Errors.Single().Field);
        Assert.Equal("'lots' is not a number.", result.Errors.Single().Message);
    }
}
