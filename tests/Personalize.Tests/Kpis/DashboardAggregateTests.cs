using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Experiments;
using Personalize.Lifecycle;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Kpis;

/// <summary>
/// The dashboard's aggregates on a small store, each checked against a computation written here from the raw rows:
/// the stage distribution replayed customer by customer (the engine sums flows instead), cohorts counted from the
/// orders, CLV by segment from the customer rows, and an offer's incremental value from the exposed customers' orders.
/// </summary>
public sealed class DashboardAggregateTests(DashboardAggregateTests.Store store)
    : IClassFixture<DashboardAggregateTests.Store>
{
    private static DateTime At(int year, int month, int day) => new(year, month, day, 12, 0, 0, DateTimeKind.Utc);

    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            var customers = Services.GetRequiredService<CustomerService>();
            foreach (
                var (id, created, country) in new[]
                {
                    ("a", At(2025, 9, 1), "FR"),
                    ("b", At(2025, 10, 5), "DE"),
                    ("c", At(2025, 11, 20), "FR"),
                    ("d", At(2026, 1, 3), "GB"),
                    ("e", At(2026, 1, 10), "FR"),
                    ("f", At(2026, 2, 14), "DE"),
                    ("g", At(2026, 3, 1), "FR"),
                }
            )
                Assert.True(
                    (
                        await customers.UpsertAsync(
                            new UpsertCustomerInput(
                                id,
                                Country: country,
                                ConsentPersonalization: true,
                                CreatedAt: created
                            ),
                            default
                        )
                    ).Succeeded
                );
            foreach (
                var (customer, order, at, amount) in new[]
                {
                    ("a", "a1", At(2025, 10, 2), 40m),
                    ("a", "a2", At(2025, 12, 20), 60m),
                    ("a", "a3", At(2026, 2, 2), 30m),
                    ("a", "a4", At(2026, 2, 25), 30m),
                    ("b", "b1", At(2025, 11, 11), 90m),
                    ("b", "b2", At(2026, 1, 15), 20m),
                    ("c", "c1", At(2025, 12, 1), 15m),
                    ("d", "d1", At(2026, 1, 20), 70m),
                    ("d", "d2", At(2026, 2, 20), 70m),
                    ("d", "d3", At(2026, 3, 20), 70m),
                    ("e", "e1", At(2026, 2, 1), 25m),
                    ("g", "g1", At(2026, 3, 5), 55m),
                    ("g", "g2", At(2026, 3, 6), 10m),
                }
            )
                await this.OrderAsync(customer, order, at, amount);
            var refresher = Services.GetRequiredService<CustomerSummaryRefresher>();
            foreach (
                var asOf in new[]
                {
                    At(2025, 12, 31),
                    At(2026, 1, 31),
                    At(2026, 2, 15),
                    At(2026, 3, 31),
                    At(2026, 8, 1),
                }
            )
                await refresher.RefreshStagesAsync(asOf);

            await using var db = await Services
                .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync();
            foreach (
                var (id, predicted, historical) in new[]
                {
                    ("a", 300m, 160m),
                    ("b", 120m, 110m),
                    ("d", 500m, 210m),
                    ("g", 80m, 65m),
                }
            )
                await db
                    .Customers.Where(c => c.ExternalId == id)
                    .ExecuteUpdateAsync(c =>
                        c.SetProperty(x => x.PredictedClv, predicted).SetProperty(x => x.HistoricalClv, historical)
                    );
            await this.SegmentAsync(
                "repeaters",
                new Dictionary<string, object?> { ["orderCount"] = new Dictionary<string, object?> { ["gte"] = 2 } }
            );
            await this.SegmentAsync(
                "french",
                new Dictionary<string, object?> { ["country"] = new Dictionary<string, object?> { ["eq"] = "FR" } }
            );

            var offer = await Services
                .GetRequiredService<OfferService>()
                .CreateAsync(
                    new OfferInput("TEN_OFF", "Ten off", RewardType: RewardType.AmountOff, RewardValue: 10, Cost: 4),
                    default
                );
            Assert.True(offer.Succeeded, string.Join("; ", offer.Errors));
            var ids = await db.Customers.ToDictionaryAsync(c => c.ExternalId, c => c.Id);
            var orderOf = await db.Orders.ToDictionaryAsync(o => o.ExternalId, o => o.Id);
            foreach (
                var (customer, given, redeemedBy) in new (string, DateTime, string?)[]
                {
                    ("a", At(2026, 2, 20), "a4"),
                    ("d", At(2026, 2, 18), "d2"),
                    ("e", At(2026, 1, 25), null),
                }
            )
                db.OfferAssignments.Add(
                    new OfferAssignment
                    {
                        Code = $"CODE-{customer}",
                        OfferId = offer.Value!.Id,
                        CustomerId = ids[customer],
                        Round = 1,
                        Channel = Channel.Web,
                        AssignedAt = given,
                        ExpiresAt = given.AddDays(14),
                        Reason = "test",
                        RedeemedAt = redeemedBy is null ? null : At(2026, 2, redeemedBy == "a4" ? 25 : 20),
                        RedeemedOrderId = redeemedBy is null ? null : orderOf[redeemedBy],
                        CostCharged = redeemedBy is null ? null : 4m,
                    }
                );
            await db.SaveChangesAsync();

            var experiment = await Services
                .GetRequiredService<ExperimentService>()
                .CreateAsync(
                    new ExperimentInput(
                        "ten-off-test",
                        "Ten off?",
                        null,
                        ExperimentSubject.Offer,
                        0.3,
                        [
                            new VariantInput("nothing", "Nothing", 1, IsControl: true),
                            new VariantInput("ten-off", "Ten off", 1, Offer: "TEN_OFF"),
                        ],
                        AttributionWindowDays: 30
                    ),
                    default
                );
            Assert.True(experiment.Succeeded, string.Join("; ", experiment.Errors));
            var variant = experiment.Value!.Variants.Single(v => v.Key == "ten-off").Id;
            foreach (
                var (customer, arm) in new[]
                {
                    ("a", (long?)variant),
                    ("d", variant),
                    ("e", variant),
                    ("b", null),
                    ("c", null),
                    ("f", null),
                }
            )
                db.ExperimentExposures.Add(
                    new ExperimentExposure
                    {
                        ExperimentId = experiment.Value.Id,
                        CustomerId = ids[customer],
                        VariantId = arm,
                        ExposedAt = At(2026, 2, 1).AddHours(-1),
                    }
                );
            await db.SaveChangesAsync();
            await db
                .Experiments.Where(e => e.Id == experiment.Value.Id)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, ExperimentStatus.Running));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private async Task<T> ReadAsync<T>(Func<PersonalizeDbContext, Task<T>> read)
    {
        await using var db = await store
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        return await read(db);
    }

    [Fact]
    public async Task The_stage_distribution_matches_a_replay_of_each_customers_history()
    {
        var report = (
            await store.DataAsync(
                """
                { stageFlows(from: "2025-10-01T00:00:00Z", to: "2027-01-01T00:00:00Z", interval: MONTH) { buckets { end stages { stage customers } } flows { from to transitions } } }
                """
            )
        ).GetProperty("stageFlows");
        // Orders recorded "now" and refreshes stamped in the past leave a history recorded out of order: the replay
        // must still hold.
        var customers = await ReadAsync(db => db.Customers.Select(c => new { c.Id, c.CreatedAt }).ToListAsync());
        var changes = await ReadAsync(db => db.StageChanges.OrderBy(s => s.ChangedAt).ThenBy(s => s.Id).ToListAsync());
        Assert.True(changes.Count >= 10, $"only {changes.Count} stage changes");

        foreach (var bucket in report.GetProperty("buckets").EnumerateArray())
        {
            var end = bucket.GetProperty("end").GetDateTime().ToUniversalTime();
            var expected = customers
                .Where(c => c.CreatedAt < end)
                .Select(c =>
                    changes.LastOrDefault(s => s.CustomerId == c.Id && s.ChangedAt < end)?.To ?? LifecycleStage.Prospect
                )
                .GroupBy(s => s)
                .ToDictionary(g => g.Key.ToString(), g => g.Count());
            foreach (var stage in bucket.GetProperty("stages").EnumerateArray())
            {
                var name = stage.GetProperty("stage").GetString()!.Replace("_", "");
                var key = expected.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
                Assert.True(
                    (key is null ? 0 : expected[key]) == stage.GetProperty("customers").GetInt32(),
                    $"{end:yyyy-MM-dd} {name}: {bucket}"
                );
            }
        }
        var flows = report
            .GetProperty("flows")
            .EnumerateArray()
            .ToDictionary(
                f => (f.GetProperty("from").GetString(), f.GetProperty("to").GetString()),
                f => f.GetProperty("transitions").GetInt32()
            );
        var expectedFlows = changes
            .Where(s => s.ChangedAt >= At(2025, 10, 1) && s.From != s.To)
            .GroupBy(s => (Upper(s.From!.Value), Upper(s.To)))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            expectedFlows.OrderBy(f => f.Key).ToList(),
            flows
                .OrderBy(f => f.Key)
                .Select(f => new KeyValuePair<(string, string), int>((f.Key.Item1!, f.Key.Item2!), f.Value))
                .ToList()
        );
    }

    private static string Upper(LifecycleStage stage) =>
        stage switch
        {
            LifecycleStage.AtRisk => "AT_RISK",
            _ => stage.ToString().ToUpperInvariant(),
        };

    [Theory]
    [InlineData(null)]
    [InlineData("repeaters")]
    public async Task Each_monthly_trend_point_is_the_report_of_that_month(string? segmentId)
    {
        var metrics = new (string Metric, string Field)[]
        {
            ("RETENTION_RATE", "retentionRate"),
            ("CHURN_RATE", "churnRate"),
            ("REPEAT_PURCHASE_RATE", "repeatPurchaseRate"),
            ("ACTIVE_CUSTOMERS", "activeCustomers"),
            ("NEW_CUSTOMERS", "newCustomers"),
            ("ORDERS", "orders"),
            ("REVENUE", "revenue"),
            ("AVERAGE_ORDER_VALUE", "averageOrderValue"),
            ("OFFER_REDEMPTION_RATE", "offerRedemptionRate"),
            ("REWARD_COST", "rewardCost"),
        };
        var trends = await store.DataAsync(
            "query($s: ID) { "
                + string.Join(
                    " ",
                    metrics.Select(m =>
                        $"{m.Field}: kpiTrend(metric: {m.Metric}, from: \"2025-10-01T00:00:00Z\", to: "
                        + $"\"2026-04-01T00:00:00Z\", interval: MONTH, segmentId: $s) {{ start end value }}"
                    )
                )
                + " }",
            new { s = segmentId }
        );
        foreach (var point in trends.GetProperty("orders").EnumerateArray())
        {
            var report = (
                await store.DataAsync(
                    "query($f: DateTime!, $t: DateTime!, $s: ID) { kpis(from: $f, to: $t, segmentId: $s) { "
                        + string.Join(" ", metrics.Select(m => m.Field))
                        + " } }",
                    new
                    {
                        f = point.GetProperty("start").GetString(),
                        t = point.GetProperty("end").GetString(),
                        s = segmentId,
                    }
                )
            ).GetProperty("kpis");
            foreach (var (_, field) in metrics)
            {
                var value = trends
                    .GetProperty(field)
                    .EnumerateArray()
                    .Single(p => p.GetProperty("start").GetString() == point.GetProperty("start").GetString())
                    .GetProperty("value");
                var expected = report.GetProperty(field);
                if (expected.ValueKind == JsonValueKind.Null)
                    Assert.True(value.ValueKind == JsonValueKind.Null, $"{field} {point}: {value}");
                else
                    Assert.True(
                        Math.Abs(expected.GetDouble() - value.GetDouble()) < 1e-9,
                        $"{field} {point}: trend {value}, report {expected}"
                    );
            }
        }
    }

    [Fact]
    public async Task A_trend_with_more_boundaries_than_one_query_takes_agrees_with_a_short_one()
    {
        // 277 months have 518 window boundaries (starts, ends and previous starts), more than one query numbers by
        // (TimeBuckets.MaxBoundaries): the months from January 2026 on are read by a second query.
        const string fields = "start value";
        string Trend(string alias, string metric, string from, string to) =>
            $"{alias}: kpiTrend(metric: {metric}, from: \"{from}\", to: \"{to}\", interval: MONTH) {{ {fields} }}";
        var metrics = new[] { "ORDERS", "REVENUE", "RETENTION_RATE", "REPEAT_PURCHASE_RATE", "ACTIVE_CUSTOMERS" };
        var data = await store.DataAsync(
            "{ "
                + string.Join(
                    " ",
                    metrics.SelectMany(m =>
                        new[]
                        {
                            Trend($"long{m}", m, "2003-05-01T00:00:00Z", "2026-06-01T00:00:00Z"),
                            Trend($"short{m}", m, "2025-10-01T00:00:00Z", "2026-06-01T00:00:00Z"),
                        }
                    )
                )
                + " }"
        );
        Assert.Equal(277, data.GetProperty("longORDERS").GetArrayLength());
        foreach (var metric in metrics)
        {
            var longPoints = data.GetProperty($"long{metric}")
                .EnumerateArray()
                .ToDictionary(p => p.GetProperty("start").GetString()!, p => p.GetProperty("value").ToString());
            var shortPoints = data.GetProperty($"short{metric}").EnumerateArray().ToList();
            Assert.Contains(shortPoints, p => p.GetProperty("value").ValueKind == JsonValueKind.Number);
            foreach (var point in shortPoints)
                Assert.Equal(
                    point.GetProperty("value").ToString(),
                    longPoints[point.GetProperty("start").GetString()!]
                );
        }
    }

    [Fact]
    public async Task Cohorts_match_a_count_of_the_orders()
    {
        var cohorts = (
            await store.DataAsync(
                """
                { cohortRetention(from: "2025-10-01T00:00:00Z", to: "2026-04-01T00:00:00Z", months: 6) { month customers months { monthsAfter activeCustomers retention complete } } }
                """
            )
        ).GetProperty("cohortRetention").EnumerateArray().ToList();
        var orders = await ReadAsync(db => db.Orders.Select(o => new { o.CustomerId, o.OrderedAt }).ToListAsync());
        var first = orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.Min(o => o.OrderedAt));
        static int MonthIndex(DateTime t) => t.Year * 12 + t.Month;

        var expected = first
            .Where(f =>
                f.Value >= At(2025, 10, 1).Date && f.Value < new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)
            )
            .GroupBy(f => MonthIndex(f.Value))
            .OrderBy(g => g.Key)
            .ToList();
        Assert.Equal(expected.Count, cohorts.Count);
        for (var i = 0; i < cohorts.Count; i++)
        {
            var members = expected[i].Select(f => f.Key).ToHashSet();
            Assert.Equal(members.Count, cohorts[i].GetProperty("customers").GetInt32());
            foreach (var month in cohorts[i].GetProperty("months").EnumerateArray())
            {
                var k = month.GetProperty("monthsAfter").GetInt32();
                var active = orders
                    .Where(o => members.Contains(o.CustomerId) && MonthIndex(o.OrderedAt) == expected[i].Key + k)
                    .Select(o => o.CustomerId)
                    .Distinct()
                    .Count();
                Assert.Equal(active, month.GetProperty("activeCustomers").GetInt32());
                Assert.Equal((double)active / members.Count, month.GetProperty("retention").GetDouble(), 12);
            }
            // Observed until April 2026: the March cohort has its own month only.
            Assert.Equal(
                Math.Min(6, MonthIndex(At(2026, 4, 1)) - expected[i].Key),
                cohorts[i].GetProperty("months").GetArrayLength()
            );
        }
    }

    [Fact]
    public async Task Clv_by_segment_matches_the_customer_rows()
    {
        var rows = (
            await store.DataAsync(
                "{ clvBySegment { segment { id } customers scoredCustomers "
                    + "totalPredictedClv averagePredictedClv totalHistoricalClv } }"
            )
        )
            .GetProperty("clvBySegment")
            .EnumerateArray()
            .ToList();
        var customers = await ReadAsync(db =>
            db.Customers.Select(c => new
                {
                    c.OrderCount,
                    c.Country,
                    c.PredictedClv,
                    c.HistoricalClv,
                })
                .ToListAsync()
        );

        Assert.Equal(
            [null, "french", "repeaters"],
            rows.Select(r =>
                r.GetProperty("segment").ValueKind == JsonValueKind.Null
                    ? null
                    : r.GetProperty("segment").GetProperty("id").GetString()
            )
        );
        var groups = new[]
        {
            customers,
            customers.Where(c => c.Country == "FR").ToList(),
            customers.Where(c => c.OrderCount >= 2).ToList(),
        };
        for (var i = 0; i < rows.Count; i++)
        {
            var scored = groups[i].Where(c => c.PredictedClv != null).ToList();
            Assert.Equal(groups[i].Count, rows[i].GetProperty("customers").GetInt32());
            Assert.Equal(scored.Count, rows[i].GetProperty("scoredCustomers").GetInt32());
            Assert.Equal(scored.Sum(c => c.PredictedClv!.Value), rows[i].GetProperty("totalPredictedClv").GetDecimal());
            Assert.Equal(
                scored.Sum(c => c.HistoricalClv!.Value),
                rows[i].GetProperty("totalHistoricalClv").GetDecimal()
            );
            Assert.Equal(
                (double)(scored.Sum(c => c.PredictedClv!.Value) / scored.Count),
                rows[i].GetProperty("averagePredictedClv").GetDouble(),
                9
            );
        }
    }

    [Fact]
    public async Task An_offers_cost_and_incremental_value_match_the_raw_rows()
    {
        var offer = (
            await store.DataAsync(
                """
                { offerPerformance(from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z") {
                    offer { id } codesGiven codesRedeemed redemptionRate redemptions rewardCost redeemedRevenue
                    incrementality { againstHoldout customers referenceCustomers valuePerCustomer referenceValuePerCustomer difference lower upper incrementalValue } } }
                """
            )
        ).GetProperty("offerPerformance").EnumerateArray().Single();
        Assert.Equal("TEN_OFF", offer.GetProperty("offer").GetProperty("id").GetString());
        Assert.Equal(
            (3, 2, 2),
            (
                offer.GetProperty("codesGiven").GetInt32(),
                offer.GetProperty("codesRedeemed").GetInt32(),
                offer.GetProperty("redemptions").GetInt32()
            )
        );
        Assert.Equal(8m, offer.GetProperty("rewardCost").GetDecimal());
        Assert.Equal(100m, offer.GetProperty("redeemedRevenue").GetDecimal()); // a4 30 + d2 70

        // Net value in the 30 days after the exposure (31 January, 11:00): orders − rewards redeemed in the window.
        double[] arm = [30 + 30 - 4, 70 - 4, 25]; // a: a3, a4 − its reward; d: d2 − its reward; e: e1
        double[] holdout = [0, 0, 0]; // b, c, f ordered nothing in the window
        var incrementality = offer.GetProperty("incrementality").EnumerateArray().Single();
        Assert.True(incrementality.GetProperty("againstHoldout").GetBoolean());
        Assert.Equal(
            (3, 3),
            (
                incrementality.GetProperty("customers").GetInt32(),
                incrementality.GetProperty("referenceCustomers").GetInt32()
            )
        );
        var difference = arm.Average() - holdout.Average();
        Assert.Equal(difference, incrementality.GetProperty("difference").GetDouble(), 9);
        Assert.Equal(difference * 3, incrementality.GetProperty("incrementalValue").GetDouble(), 9);
        var mean = arm.Average();
        var standardError = Math.Sqrt(arm.Sum(v => (v - mean) * (v - mean)) / (arm.Length - 1) / arm.Length);
        // The holdout has no spread: Welch's degrees of freedom are those of the arm (2), whose 97.5 % t quantile is
        // 4.303.
        Assert.Equal(4.303, (incrementality.GetProperty("upper").GetDouble() - difference) / standardError, 3);
        Assert.Equal(4.303, (difference - incrementality.GetProperty("lower").GetDouble()) / standardError, 3);
    }
}
