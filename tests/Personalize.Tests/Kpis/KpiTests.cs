using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Data;
using Personalize.Offers;
using Personalize.Surveys;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Kpis;

/// <summary>
/// A six-customer store small enough to count by hand. The period is February 2026; the previous period of the same
/// length starts on 4 January.
/// <code>
///   a  orders 10 Jan (50), 15 Feb (70)   NPS 10, CSAT 5 in Feb   predicted CLV 100
///   b  orders 20 Jan (100)               NPS 9 in Feb
///   c  orders  5 Feb (30), 25 Feb (40)   NPS 7, CSAT 4 in Feb    predicted CLV 50
///   d  orders  1 Dec (80), 10 Feb (20)   NPS 3, CSAT 2 in Feb
///   e  no order (prospect)
///   f  orders 20 Feb (10)                NPS 0 in January
///
///   offer codes: a given 3 Feb, redeemed 15 Feb (cost 5); c given 4 Feb, not redeemed;
///                d given 20 Jan, redeemed 10 Feb (cost 7); f given 21 Feb, redeemed 22 Feb (cost 3)
/// </code>
/// </summary>
public sealed class KpiTests(KpiTests.Store store) : IClassFixture<KpiTests.Store>
{
    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            foreach (var id in new[] { "a", "b", "c", "d", "e", "f" })
                await this.CustomerAsync(id);
            await this.OrderAsync("a", "a1", At(1, 10), 50);
            await this.OrderAsync("a", "a2", At(2, 15), 70);
            await this.OrderAsync("b", "b1", At(1, 20), 100);
            await this.OrderAsync("c", "c1", At(2, 5), 30);
            await this.OrderAsync("c", "c2", At(2, 25), 40);
            await this.OrderAsync("d", "d1", new DateTime(2025, 12, 1, 12, 0, 0, DateTimeKind.Utc), 80);
            await this.OrderAsync("d", "d2", At(2, 10), 20);
            await this.OrderAsync("f", "f1", At(2, 20), 10);
            foreach (
                var (customer, kind, score, month) in new[]
                {
                    ("a", SurveyKind.Nps, 10, 2),
                    ("b", SurveyKind.Nps, 9, 2),
                    ("c", SurveyKind.Nps, 7, 2),
                    ("d", SurveyKind.Nps, 3, 2),
                    ("f", SurveyKind.Nps, 0, 1),
                    ("a", SurveyKind.Csat, 5, 2),
                    ("c", SurveyKind.Csat, 4, 2),
                    ("d", SurveyKind.Csat, 2, 2),
                }
            )
            {
                var answer = await Services
                    .GetRequiredService<SurveyService>()
                    .RecordAsync(
                        new RecordSurveyResponseInput(customer, kind, score, RespondedAt: At(month, 12)),
                        default
                    );
                Assert.True(answer.Succeeded, string.Join("; ", answer.Errors));
            }
            await using var db = await Services
                .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync();
            await db
                .Customers.Where(c => c.ExternalId == "a")
                .ExecuteUpdateAsync(c =>
                    c.SetProperty(x => x.PredictedClv, 100m).SetProperty(x => x.HistoricalClv, 120m)
                );
            await db
                .Customers.Where(c => c.ExternalId == "c")
                .ExecuteUpdateAsync(c =>
                    c.SetProperty(x => x.PredictedClv, 50m).SetProperty(x => x.HistoricalClv, 70m)
                );
            var offer = await Services
                .GetRequiredService<OfferService>()
                .CreateAsync(
                    new OfferInput("KPI_OFFER", "KPI offer", RewardType: RewardType.AmountOff, RewardValue: 5, Cost: 5),
                    default
                );
            Assert.True(offer.Succeeded, string.Join("; ", offer.Errors));
            foreach (
                var (customer, given, redeemed, cost) in new (string, DateTime, DateTime?, decimal?)[]
                {
                    ("a", At(2, 3), At(2, 15), 5m),
                    ("c", At(2, 4), null, null),
                    ("d", At(1, 20), At(2, 10), 7m),
                    ("f", At(2, 21), At(2, 22), 3m),
                }
            )
                db.OfferAssignments.Add(
                    new OfferAssignment
                    {
                        Code = $"KPI-{customer}",
                        OfferId = offer.Value!.Id,
                        CustomerId = (await db.Customers.SingleAsync(c => c.ExternalId == customer)).Id,
                        Round = 1,
                        Channel = Channel.Email,
                        AssignedAt = given,
                        ExpiresAt = given.AddDays(30),
                        Reason = "test",
                        RedeemedAt = redeemed,
                        CostCharged = cost,
                    }
                );
            await db.SaveChangesAsync();
            await this.SegmentAsync(
                "repeaters",
                new Dictionary<string, object?> { ["orderCount"] = new Dictionary<string, object?> { ["gte"] = 2 } }
            );
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private static DateTime At(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);
    }

    private const string Report = """
        query($segmentId: ID) {
          kpis(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", segmentId: $segmentId) {
            customers activeCustomers newCustomers orders revenue averageOrderValue
            retentionRate churnRate retainedCustomers previousPeriodBuyers repeatPurchaseRate
            scoredCustomers totalPredictedClv averagePredictedClv totalHistoricalClv
            nps { score responses } csat { score responses }
            offerRedemptionRate offersAssigned rewardCost
            stageDistribution { stage customers share }
          }
        }
        """;

    [Fact]
    public async Task The_report_for_everyone_matches_the_hand_count()
    {
        var k = (await store.DataAsync(Report)).GetProperty("kpis");

        Assert.Equal(6, k.GetProperty("customers").GetInt32());
        Assert.Equal(4, k.GetProperty("activeCustomers").GetInt32()); // a c d f
        Assert.Equal(2, k.GetProperty("newCustomers").GetInt32()); // c f
        Assert.Equal(5, k.GetProperty("orders").GetInt32());
        Assert.Equal(170m, k.GetProperty("revenue").GetDecimal());
        Assert.Equal(34m, k.GetProperty("averageOrderValue").GetDecimal());
        Assert.Equal(0.5, k.GetProperty("retentionRate").GetDouble(), 1e-12); // a of a, b
        Assert.Equal(0.5, k.GetProperty("churnRate").GetDouble(), 1e-12);
        Assert.Equal(
            (1, 2),
            (k.GetProperty("retainedCustomers").GetInt32(), k.GetProperty("previousPeriodBuyers").GetInt32())
        );
        Assert.Equal(0.75, k.GetProperty("repeatPurchaseRate").GetDouble(), 1e-12); // a c d of a c d f
        Assert.Equal(2, k.GetProperty("scoredCustomers").GetInt32());
        Assert.Equal(150m, k.GetProperty("totalPredictedClv").GetDecimal());
        Assert.Equal(75m, k.GetProperty("averagePredictedClv").GetDecimal());
        Assert.Equal(190m, k.GetProperty("totalHistoricalClv").GetDecimal());
        // (2 promoters − 1 detractor) / 4
        Assert.Equal(25, k.GetProperty("nps").GetProperty("score").GetDouble(), 1e-9);
        Assert.Equal(4, k.GetProperty("nps").GetProperty("responses").GetInt32());
        Assert.Equal(200.0 / 3, k.GetProperty("csat").GetProperty("score").GetDouble(), 1e-9); // 2 of 3
        // a f of a c f (d's code is from January)
        Assert.Equal(2.0 / 3, k.GetProperty("offerRedemptionRate").GetDouble(), 1e-12);
        Assert.Equal(3, k.GetProperty("offersAssigned").GetInt32());
        Assert.Equal(15m, k.GetProperty("rewardCost").GetDecimal()); // redeemed in February: a 5, d 7, f 3
        var stages = k.GetProperty("stageDistribution")
            .EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("customers").GetInt32());
        Assert.Equal(6, stages.Count);
        Assert.Equal(6, stages.Values.Sum());
        Assert.Equal(1, stages["PROSPECT"]);
    }

    [Fact]
    public async Task A_segment_limits_every_figure_to_its_members()
    {
        var k = (await store.DataAsync(Report, new { segmentId = "repeaters" })).GetProperty("kpis"); // a c d

        Assert.Equal(3, k.GetProperty("customers").GetInt32());
        Assert.Equal(4, k.GetProperty("orders").GetInt32());
        Assert.Equal(160m, k.GetProperty("revenue").GetDecimal());
        Assert.Equal(1.0, k.GetProperty("retentionRate").GetDouble(), 1e-12); // a of a
        Assert.Equal(1.0, k.GetProperty("repeatPurchaseRate").GetDouble(), 1e-12);
        Assert.Equal(0, k.GetProperty("nps").GetProperty("score").GetDouble(), 1e-9); // 10, 7, 3
        Assert.Equal(3, k.GetProperty("nps").GetProperty("responses").GetInt32());
        Assert.Equal(0.5, k.GetProperty("offerRedemptionRate").GetDouble(), 1e-12); // a of a c
        Assert.Equal(12m, k.GetProperty("rewardCost").GetDecimal()); // a 5, d 7
        Assert.Equal(
            3,
            k.GetProperty("stageDistribution").EnumerateArray().Sum(s => s.GetProperty("customers").GetInt32())
        );
        Assert.Equal(
            0,
            k.GetProperty("stageDistribution")
                .EnumerateArray()
                .Single(s => s.GetProperty("stage").GetString() == "PROSPECT")
                .GetProperty("customers")
                .GetInt32()
        );
    }

    [Fact]
    public async Task A_period_without_answers_or_previous_buyers_has_null_rates_not_zeros()
    {
        var k = (
            await store.DataAsync(
                """{ kpis(from: "2025-06-01T00:00:00Z", to: "2025-07-01T00:00:00Z") { orders retentionRate churnRate repeatPurchaseRate averageOrderValue nps { score } } }"""
            )
        ).GetProperty("kpis");

        Assert.Equal(0, k.GetProperty("orders").GetInt32());
        foreach (var field in new[] { "retentionRate", "churnRate", "repeatPurchaseRate", "averageOrderValue", "nps" })
            Assert.Equal(JsonValueKind.Null, k.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task A_monthly_trend_has_one_point_per_calendar_month()
    {
        var points = (
            await store.DataAsync(
                """
                { kpiTrend(metric: ORDERS, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: MONTH) { start end value } }
                """
            )
        ).GetProperty("kpiTrend").EnumerateArray().ToList();

        Assert.Equal(
            ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"],
            points.Select(p => p.GetProperty("start").GetDateTime().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"))
        );
        Assert.Equal([2.0, 5.0], points.Select(p => p.GetProperty("value").GetDouble()));

        var nps = (
            await store.DataAsync(
                """
                { kpiTrend(metric: NPS, from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z", interval: MONTH) { value } }
                """
            )
        ).GetProperty("kpiTrend").EnumerateArray().Select(p => p.GetProperty("value")).ToList();
        Assert.Equal(-100, nps[0].GetDouble(), 1e-9);
        Assert.Equal(25, nps[1].GetDouble(), 1e-9);
        Assert.Equal(JsonValueKind.Null, nps[2].ValueKind);
    }

    [Fact]
    public async Task Weekly_buckets_start_on_monday_and_are_cut_to_the_period()
    {
        // 1 February 2026 is a Sunday: the first bucket is that day alone.
        var points = (
            await store.DataAsync(
                """
                { kpiTrend(metric: ORDERS, from: "2026-02-01T00:00:00Z", to: "2026-02-15T00:00:00Z", interval: WEEK) { start end value } }
                """
            )
        ).GetProperty("kpiTrend").EnumerateArray().ToList();

        Assert.Equal([1, 2, 9], points.Select(p => p.GetProperty("start").GetDateTime().ToUniversalTime().Day));
        Assert.Equal([2, 9, 15], points.Select(p => p.GetProperty("end").GetDateTime().ToUniversalTime().Day));
        // c on the 5th, d on the 10th
        Assert.Equal([0.0, 1.0, 1.0], points.Select(p => p.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData(
        """{ kpis(from: "2026-03-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { orders } }""",
        "to: must be after from."
    )]
    [InlineData(
        """{ kpis(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", segmentId: "nope") { orders } }""",
        "segmentId: no segment has the id 'nope'."
    )]
    [InlineData(
        """{ kpiTrend(metric: ORDERS, from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: DAY) { value } }""",
        "interval: gives 2192 points"
    )]
    public async Task Bad_arguments_are_refused_with_a_message_naming_the_argument(string query, string message)
    {
        var result = await store.GraphQLAsync(query);
        var error = result.GetProperty("errors")[0];
        Assert.Contains(message, error.GetProperty("message").GetString());
    }
}
