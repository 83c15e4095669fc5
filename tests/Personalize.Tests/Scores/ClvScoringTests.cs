using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Scores;

/// <summary>The demo store is scored as of its anchor date when it is seeded; these read and move those
/// scores.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class ClvScoringTests(DemoStoreFactory store)
{
    [Fact]
    public async Task The_fitted_model_is_reported_with_its_time_unit()
    {
        var model = (
            await store.DataAsync(
                """
                { clvModel { asOf timeUnit customerCount repeatCustomerCount horizonMonths loyalClvThreshold
                    bgNbd { r alpha a b logLikelihood } gammaGamma { p q gamma customerCount spendFrequencyCorrelation } } }
                """
            )
        ).GetProperty("clvModel");

        Assert.Equal($"{DemoStoreFactory.AnchorDate}T00:00:00Z", model.GetProperty("asOf").GetString());
        Assert.Equal("WEEK", model.GetProperty("timeUnit").GetString());
        await using var db = await Db();
        // Other tests record orders into the same store after it was scored: count the seeded ones.
        var buyers = await db
            .Orders.Where(o => o.Source == Personalize.Seeding.DemoStoreSeeder.DemoSource)
            .Select(o => o.CustomerId)
            .Distinct()
            .CountAsync();
        Assert.Equal(buyers, model.GetProperty("customerCount").GetInt32());
        var bgNbd = model.GetProperty("bgNbd");
        foreach (var parameter in new[] { "r", "alpha", "a", "b" })
            Assert.InRange(bgNbd.GetProperty(parameter).GetDouble(), 1e-3, 1e3);
        Assert.True(bgNbd.GetProperty("logLikelihood").GetDouble() < 0);
        Assert.InRange(model.GetProperty("gammaGamma").GetProperty("spendFrequencyCorrelation").GetDouble(), -1, 1);
    }

    [Fact]
    public async Task A_customer_has_consistent_scores_and_stage()
    {
        var data = await store.DataAsync(
            """
            { customers(first: 200, where: { orderCount: { gte: 3 } }, order: [{ id: ASC }]) { nodes {
                id totalSpent lifecycleStage stageHistory { from to }
                clv { historical predicted p24: predicted(months: 24) expectedPurchases(days: 365) e30: expectedPurchases(days: 30)
                      probabilityAlive averageOrderValue repeatPurchases rfm { recency frequency monetary score } } } } }
            """
        );
        foreach (var customer in data.GetProperty("customers").GetProperty("nodes").EnumerateArray())
        {
            var clv = customer.GetProperty("clv");
            // Historical CLV (AOV × purchases per year × years) is the revenue to date.
            Assert.Equal(customer.GetProperty("totalSpent").GetDecimal(), clv.GetProperty("historical").GetDecimal());
            Assert.InRange(clv.GetProperty("probabilityAlive").GetDouble(), 0, 1);
            Assert.True(clv.GetProperty("p24").GetDecimal() >= clv.GetProperty("predicted").GetDecimal());
            Assert.True(clv.GetProperty("expectedPurchases").GetDouble() >= clv.GetProperty("e30").GetDouble());
            var rfm = clv.GetProperty("rfm");
            Assert.Equal(
                rfm.GetProperty("recency").GetInt32() * 100
                    + rfm.GetProperty("frequency").GetInt32() * 10
                    + rfm.GetProperty("monetary").GetInt32(),
                rfm.GetProperty("score").GetInt32()
            );
            var history = customer.GetProperty("stageHistory").EnumerateArray().ToList();
            Assert.NotEmpty(history);
            Assert.Equal(customer.GetProperty("lifecycleStage").GetString(), history[^1].GetProperty("to").GetString());
        }
    }

    [Fact]
    public async Task Stage_counts_and_score_filters_come_from_the_latest_scores_in_SQL()
    {
        var data = await store.DataAsync(
            """
            { clvModel { loyalClvThreshold }
              lifecycleStages { stage customerCount }
              all: customers { totalCount }
              loyal: customers(where: { lifecycleStage: { eq: LOYAL } }) { totalCount }
              topBand: customers(where: { predictedClv: { gte: 0 }, lifecycleStage: { eq: LOYAL } }, order: [{ predictedClv: ASC }], first: 1) { nodes { clv { predicted } } }
              champions: customers(where: { rfmScore: { eq: 555 } }, first: 5) { totalCount nodes { clv { rfm { score } } } }
              likelyGone: customers(where: { probabilityAlive: { lt: 0.2 } }, first: 5) { nodes { lifecycleStage clv { probabilityAlive } } } }
            """
        );
        var stages = data.GetProperty("lifecycleStages")
            .EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("customerCount").GetInt32());
        Assert.Equal(data.GetProperty("all").GetProperty("totalCount").GetInt32(), stages.Values.Sum());
        Assert.Equal(data.GetProperty("loyal").GetProperty("totalCount").GetInt32(), stages["LOYAL"]);
        Assert.All(stages.Values, count => Assert.True(count > 0));

        var threshold = data.GetProperty("clvModel").GetProperty("loyalClvThreshold").GetDecimal();
        var lowestLoyal = data.GetProperty("topBand")
            .GetProperty("nodes")[0]
            .GetProperty("clv")
            .GetProperty("predicted")
            .GetDecimal();
        Assert.True(
            lowestLoyal >= threshold,
            $"a LOYAL customer has predicted CLV {lowestLoyal} below the top band {threshold}"
        );
        Assert.All(data.GetProperty("champions").GetProperty("nodes").EnumerateArray(), n =>
            Assert.Equal(555, n.GetProperty("clv").GetProperty("rfm").GetProperty("score").GetInt32())
        );
        Assert.All(data.GetProperty("likelyGone").GetProperty("nodes").EnumerateArray(), n =>
            Assert.Equal("LAPSED", n.GetProperty("lifecycleStage").GetString())
        );
    }

    [Fact]
    public async Task Recording_an_order_rescores_the_customer_at_once_from_the_stored_model()
    {
        const string query = """
            query($id: ID!) { customer(id: $id) { orderCount lifecycleStage clv { repeatPurchases probabilityAlive predicted computedAt asOf } } }
            """;
        var before = (await store.DataAsync(query, new { id = "C00777" })).GetProperty("customer");
        var model = (await store.DataAsync("{ clvModel { computedAt bgNbd { r } } }")).GetProperty("clvModel");

        var recorded = await store.DataAsync(
            """
            mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } errors { message } } }
            """,
            new
            {
                input = new
                {
                    customerId = "C00777",
                    orderId = "RESCORE-1",
                    orderedAt = DateTime.UtcNow.AddMinutes(-1),
                    amount = 80.0,
                },
            }
        );
        Assert.Equal(0, recorded.GetProperty("recordOrder").GetProperty("errors").GetArrayLength());

        var after = (await store.DataAsync(query, new { id = "C00777" })).GetProperty("customer");
        Assert.Equal(before.GetProperty("orderCount").GetInt32() + 1, after.GetProperty("orderCount").GetInt32());
        var clvBefore = before.GetProperty("clv");
        var clvAfter = after.GetProperty("clv");
        Assert.True(
            clvAfter.GetProperty("computedAt").GetDateTime() > clvBefore.GetProperty("computedAt").GetDateTime()
        );
        Assert.Equal(DateTime.UtcNow.Date, clvAfter.GetProperty("asOf").GetDateTime().ToUniversalTime().Date);
        Assert.Equal(
            clvBefore.GetProperty("repeatPurchases").GetInt32() + 1,
            clvAfter.GetProperty("repeatPurchases").GetInt32()
        );
        // Bought a minute ago: as alive as the model allows.
        Assert.True(clvAfter.GetProperty("probabilityAlive").GetDouble() > 0.5);
        // No refit: the model is the same snapshot.
        Assert.Equal(
            model.ToString(),
            (await store.DataAsync("{ clvModel { computedAt bgNbd { r } } }")).GetProperty("clvModel").ToString()
        );
    }

    private async Task<PersonalizeDbContext> Db() =>
        await store.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>().CreateDbContextAsync();
}
