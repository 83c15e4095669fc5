using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Data;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Rewards;

/// <summary>P(redeem) learned from history once there is enough of it; the prior before.</summary>
public sealed class RedemptionModelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Offers:Model:MinExamples"] = "1000" };

    /// <summary>
    /// Past assignments whose outcome follows a known rule the prior does not know: at-risk customers redeem
    /// percent-off offers often, recent buyers sometimes, everyone else rarely.
    /// </summary>
    private static async Task HistoryAsync(RewardsApi api, int count)
    {
        await api.CustomerAsync("history", "history@example.com");
        var percent = await api.OfferAsync("PAST-PERCENT");
        var gift = await api.OfferAsync("PAST-GIFT", type: RewardType.Gift);
        await using var db = await api
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        var customerId = await db.Customers.Where(c => c.ExternalId == "history").Select(c => c.Id).SingleAsync();
        var random = new Random(7);
        var stages = Enum.GetValues<LifecycleStage>();
        for (var i = 0; i < count; i++)
        {
            var stage = stages[random.Next(stages.Length)];
            var offer = random.Next(2) == 0 ? percent : gift;
            var days = random.Next(0, 400);
            var p =
                stage == LifecycleStage.AtRisk && offer == percent ? 0.6
                : days < 30 ? 0.3
                : 0.04;
            var assignedAt = api.Now.AddDays(-100);
            db.OfferAssignments.Add(
                new OfferAssignment
                {
                    Code = OfferDecisionService.NewCode(),
                    OfferId = offer.Id,
                    CustomerId = customerId,
                    Round = i + 1,
                    Channel = (Channel)random.Next(3),
                    AssignedAt = assignedAt,
                    ExpiresAt = assignedAt.AddDays(14),
                    Stage = stage,
                    CustomerValue = random.Next(20, 2000),
                    DaysSinceLastOrder = days,
                    RedeemedAt = random.NextDouble() < p ? assignedAt.AddDays(3) : null,
                }
            );
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task With_enough_history_the_model_beats_the_prior_on_held_out_assignments_and_decisions_use_it()
    {
        using var api = new RewardsApi(Settings);
        await HistoryAsync(api, 2500);

        var summary = await api.Services.GetRequiredService<RedemptionModelTrainer>().TrainAsync();

        output.WriteLine(summary.ToString());
        Assert.NotNull(summary.ModelId);
        Assert.Equal(500, summary.HeldOut);
        Assert.True(summary.ModelAuc > 0.75, summary.ToString());
        Assert.True(summary.ModelAuc > summary.PriorAuc + 0.1, summary.ToString());
        Assert.Contains("AUC", summary.ToString());

        await api.CustomerAsync("new", "new@example.com");
        var data = await api.PostAsync(
            RewardsApi.OffersQuery,
            new
            {
                id = "new",
                channel = "WEB",
                first = 2,
            }
        );
        Assert.All(data.GetProperty("customer").GetProperty("offers").EnumerateArray(), o =>
            Assert.Contains($"(model #{summary.ModelId})", o.GetProperty("reason").GetString())
        );
    }

    [Fact]
    public async Task Below_the_minimum_history_no_model_is_stored_and_the_prior_decides()
    {
        using var api = new RewardsApi(Settings);
        await HistoryAsync(api, 300);

        var summary = await api.Services.GetRequiredService<RedemptionModelTrainer>().TrainAsync();

        Assert.Null(summary.ModelId);
        Assert.StartsWith("Not enough history: 300 assignments", summary.ToString());
        Assert.Equal(0, await api.DbAsync(db => db.RedemptionModels.CountAsync()));
        await api.CustomerAsync("new", "new@example.com");
        var reason = (
            await api.PostAsync(
                RewardsApi.OffersQuery,
                new
                {
                    id = "new",
                    channel = "WEB",
                    first = 1,
                }
            )
        ).GetProperty("customer").GetProperty("offers")[0].GetProperty("reason").GetString();
        Assert.Contains("(prior)", reason);
    }
}
