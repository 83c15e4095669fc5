using Personalize.Common;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Rewards;

/// <summary>The demo store exercises every stage's strategy: each stage's customers are offered that stage's preferred
/// rewards.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class DemoStoreOfferTests(DemoStoreFactory store)
{
    private const string StageOffers = """
        query StageOffers($stage: LifecycleStage!) {
          customers(first: 40, where: { lifecycleStage: { eq: $stage }, consentPersonalization: { eq: true } }, order: [{ id: DESC }]) {
            nodes { offers(channel: WEB, first: 3) { offer { id rewardType eligibleStages } expectedNetValue } }
          }
        }
        """;

    [Theory]
    [InlineData(LifecycleStage.Prospect, "PROSPECT")]
    [InlineData(LifecycleStage.New, "NEW")]
    [InlineData(LifecycleStage.Active, "ACTIVE")]
    [InlineData(LifecycleStage.AtRisk, "AT_RISK")]
    [InlineData(LifecycleStage.Lapsed, "LAPSED")]
    [InlineData(LifecycleStage.Loyal, "LOYAL")]
    public async Task Customers_of_each_stage_are_offered_their_strategys_rewards_with_a_positive_expected_value(
        LifecycleStage stage,
        string name
    )
    {
        var strategy = new OffersOptions().StrategyFor(stage);
        var data = await store.DataAsync(StageOffers, new { stage = name });
        var offers = data.GetProperty("customers")
            .GetProperty("nodes")
            .EnumerateArray()
            .SelectMany(n => n.GetProperty("offers").EnumerateArray())
            .ToList();

        Assert.NotEmpty(offers);
        Assert.All(offers, o => Assert.True(o.GetProperty("expectedNetValue").GetDecimal() > 0));
        // Offers made for the stage, of the types its strategy prefers.
        Assert.Contains(offers, o =>
            o.GetProperty("offer").GetProperty("eligibleStages").EnumerateArray().Any(s => s.GetString() == name)
            && strategy.Prefers(
                Enum.Parse<Personalize.Offers.RewardType>(
                    o.GetProperty("offer").GetProperty("rewardType").GetString()!.Replace("_", ""),
                    ignoreCase: true
                )
            )
        );
    }
}
