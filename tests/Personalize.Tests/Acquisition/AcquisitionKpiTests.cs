using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Acquisition;
using Personalize.Data;
using Personalize.Orders;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Acquisition;

/// <summary>
/// CAC, CLV:CAC and payback per channel on a small store, checked against a computation written here from the raw
/// rows (not from the engine's code): spend pro rata to the days of each month inside the period, customers acquired
/// by their first order, value = margin to date (amount where an order has no margin) + predicted CLV.
/// </summary>
public sealed class AcquisitionKpiTests(AcquisitionKpiTests.Store store) : IClassFixture<AcquisitionKpiTests.Store>
{
    private static DateTime At(int year, int month, int day) => new(year, month, day, 12, 0, 0, DateTimeKind.Utc);

    private static readonly (string Customer, string? Channel, decimal? Predicted)[] Customers =
    [
        ("a", "paid-search", 60m),
        ("b", "paid-search", 30m),
        ("c", "referral", 100m),
        ("d", null, null),
        ("e", "paid-search", null),
        ("f", "paid-search", 45m),
        ("g", "catalogue", null),
    ];

    private static readonly (string Customer, string Order, DateTime At, decimal Amount, decimal? Margin)[] Orders =
    [
        ("a", "a1", At(2026, 1, 10), 100m, 40m),
        ("a", "a2", At(2026, 3, 5), 50m, 20m),
        ("b", "b1", At(2026, 2, 20), 80m, null),
        ("c", "c1", At(2026, 1, 25), 200m, 90m),
        ("c", "c2", At(2026, 1, 28), 100m, 45m),
        ("d", "d1", At(2026, 2, 3), 30m, 10m),
        ("f", "f1", At(2025, 12, 20), 70m, 30m),
        ("f", "f2", At(2026, 1, 20), 70m, 30m),
        ("g", "g1", At(1979, 6, 15), 10m, 10m),
        ("g", "g2", At(2026, 2, 10), 1000m, 500m),
    ];

    private static readonly (string Channel, string Month, decimal Amount)[] Spend =
    [
        ("paid-search", "2025-12", 90m),
        ("paid-search", "2026-01", 300m),
        ("paid-search", "2026-02", 200m),
        ("referral", "2026-01", 50m),
        ("display", "2026-02", 100m),
        ("catalogue", "1979-06", 100m),
    ];

    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            var acquisition = Services.GetRequiredService<AcquisitionService>();
            foreach (var (id, channel, _) in Customers)
            {
                await this.CustomerAsync(id);
                if (channel is not null)
                    Assert.True(
                        (await acquisition.SetCustomerAcquisitionAsync(new(id, channel, "spring"), default)).Succeeded
                    );
            }
            foreach (var (customer, order, at, amount, margin) in Orders)
            {
                var result = await Services
                    .GetRequiredService<OrderService>()
                    .RecordAsync(new RecordOrderInput(customer, order, at, amount, Margin: margin), default);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            }
            Assert.True(
                (
                    await acquisition.RecordSpendAsync(
                        Spend.Select(s => new MarketingSpendInput(s.Channel, s.Month, s.Amount)).ToList(),
                        default
                    )
                ).Succeeded
            );
            await using var db = await Services
                .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync();
            foreach (var (id, _, predicted) in Customers)
                await db
                    .Customers.Where(c => c.ExternalId == id)
                    .ExecuteUpdateAsync(c => c.SetProperty(x => x.PredictedClv, predicted));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>The expected row of a channel (null: customers without one; "*": every channel), from the arrays
    /// above.</summary>
    private static (
        decimal Spend,
        int Acquired,
        decimal? Cac,
        decimal? AverageClv,
        double? ClvToCac,
        double? Payback
    ) Expected(string? channel, DateTime from, DateTime to)
    {
        bool Matches(string? c) => channel == "*" || c == channel;
        var spend = Spend
            .Where(s => Matches(s.Channel))
            .Sum(s =>
            {
                var start = DateTime.ParseExact(
                    s.Month + "-01",
                    "yyyy-MM-dd",
                    null,
                    System.Globalization.DateTimeStyles.AdjustToUniversal
                        | System.Globalization.DateTimeStyles.AssumeUniversal
                );
                var days = DateTime.DaysInMonth(start.Year, start.Month);
                var inside = Enumerable.Range(0, days).Count(d => start.AddDays(d) >= from && start.AddDays(d) < to);
                return s.Amount * inside / days;
            });
        var firstOrder = Orders.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => g.Min(o => o.At));
        var acquired = Customers
            .Where(c =>
                Matches(c.Channel) && firstOrder.TryGetValue(c.Customer, out var first) && first >= from && first < to
            )
            .ToList();
        if (acquired.Count == 0)
            return (spend, 0, null, null, null, null);
        var cac = spend / acquired.Count;
        var margins = Orders.Where(o => acquired.Any(c => c.Customer == o.Customer)).ToList();
        var averageClv =
            (margins.Sum(o => o.Margin ?? o.Amount) + acquired.Sum(c => c.Predicted ?? 0)) / acquired.Count;
        // Payback: walk the calendar months after each customer's first-order month, day by day of margin.
        double? payback = cac == 0 ? 0 : null;
        var cumulative = 0m;
        for (var month = 0; month < 24 && payback is null; month++)
        {
            var thisMonth =
                margins
                    .Where(o =>
                        (o.At.Year - firstOrder[o.Customer].Year) * 12 + o.At.Month - firstOrder[o.Customer].Month
                        == month
                    )
                    .Sum(o => o.Margin ?? o.Amount) / acquired.Count;
            if (thisMonth > 0 && cumulative + thisMonth >= cac)
                payback = month + (double)((cac - cumulative) / thisMonth);
            cumulative += thisMonth;
        }
        return (spend, acquired.Count, cac, averageClv, cac > 0 ? (double)(averageClv / cac) : null, payback);
    }

    private const string Report = """
        query($from: DateTime!, $to: DateTime!) {
          kpis(from: $from, to: $to) {
            newCustomers
            acquisition {
              channels { channel spend acquiredCustomers cac marginToDate predictedClv averageClv clvToCac paybackMonths }
              total { channel spend acquiredCustomers cac averageClv clvToCac paybackMonths }
            }
          }
        }
        """;

    [Theory]
    [InlineData("2026-01-01", "2026-03-01")]
    [InlineData("2026-01-16", "2026-02-15")]
    [InlineData("2025-12-01", "2026-04-01")]
    public async Task Each_channel_and_the_total_match_an_independent_computation(string fromText, string toText)
    {
        var (from, to) = (
            DateTime.Parse(fromText + "T00:00:00Z").ToUniversalTime(),
            DateTime.Parse(toText + "T00:00:00Z").ToUniversalTime()
        );
        var acquisition = (await store.DataAsync(Report, new { from, to }))
            .GetProperty("kpis")
            .GetProperty("acquisition");

        var rows = acquisition
            .GetProperty("channels")
            .EnumerateArray()
            .ToDictionary(r =>
                r.GetProperty("channel").ValueKind == JsonValueKind.Null
                    ? "(none)"
                    : r.GetProperty("channel").GetString()!
            );
        var expectedChannels = new string?[] { "paid-search", "referral", "display", null }
            .Where(c => Expected(c, from, to) is var e && (e.Spend > 0 || e.Acquired > 0))
            .ToList();
        Assert.Equal(expectedChannels.Select(c => c ?? "(none)").Order(), rows.Keys.Order());
        foreach (var channel in expectedChannels)
            AssertRow(Expected(channel, from, to), rows[channel ?? "(none)"], channel ?? "(none)");
        AssertRow(Expected("*", from, to), acquisition.GetProperty("total"), "total");
    }

    private static void AssertRow(
        (decimal Spend, int Acquired, decimal? Cac, decimal? AverageClv, double? ClvToCac, double? Payback) expected,
        JsonElement row,
        string name
    )
    {
        Assert.True(
            Math.Abs((double)expected.Spend - row.GetProperty("spend").GetDouble()) < 1e-6,
            $"{name} spend {expected.Spend} vs {row.GetProperty("spend")}"
        );
        Assert.Equal(expected.Acquired, row.GetProperty("acquiredCustomers").GetInt32());
        AssertNullable((double?)expected.Cac, row.GetProperty("cac"), $"{name} cac");
        AssertNullable((double?)expected.AverageClv, row.GetProperty("averageClv"), $"{name} averageClv");
        AssertNullable(expected.ClvToCac, row.GetProperty("clvToCac"), $"{name} clvToCac");
        AssertNullable(expected.Payback, row.GetProperty("paybackMonths"), $"{name} paybackMonths");
    }

    private static void AssertNullable(double? expected, JsonElement actual, string what)
    {
        if (expected is null)
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{what}: expected null, got {actual}");
        else
            Assert.True(
                actual.ValueKind == JsonValueKind.Number && Math.Abs(expected.Value - actual.GetDouble()) < 1e-6,
                $"{what}: expected {expected}, got {actual}"
            );
    }

    [Fact]
    public async Task The_hand_counted_january_to_february_figures()
    {
        var acquisition = (
            await store.DataAsync(Report, new { from = "2026-01-01T00:00:00Z", to = "2026-03-01T00:00:00Z" })
        )
            .GetProperty("kpis")
            .GetProperty("acquisition");
        var referral = acquisition
            .GetProperty("channels")
            .EnumerateArray()
            .Single(r => r.GetProperty("channel").GetString() == "referral");
        Assert.Equal(50.0, referral.GetProperty("cac").GetDouble(), 9); // 50 spent, c acquired
        // c's January margin 90 + 45 covers it
        Assert.Equal(50.0 / 135, referral.GetProperty("paybackMonths").GetDouble(), 9);
        Assert.Equal(235.0 / 50, referral.GetProperty("clvToCac").GetDouble(), 9); // (135 + 100) / 50
        var search = acquisition
            .GetProperty("channels")
            .EnumerateArray()
            .Single(r => r.GetProperty("channel").GetString() == "paid-search");
        // 500 spent, a and b acquired (f came in December)
        Assert.Equal(250.0, search.GetProperty("cac").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, search.GetProperty("paybackMonths").ValueKind); // 70 a customer so far
        var display = acquisition
            .GetProperty("channels")
            .EnumerateArray()
            .Single(r => r.GetProperty("channel").GetString() == "display");
        Assert.Equal(JsonValueKind.Null, display.GetProperty("cac").ValueKind); // spent 100, acquired nobody
        Assert.Equal(4, acquisition.GetProperty("total").GetProperty("acquiredCustomers").GetInt32());
        Assert.Equal(650.0 / 4, acquisition.GetProperty("total").GetProperty("cac").GetDouble(), 9);
    }

    [Fact]
    public async Task Payback_counts_the_calendar_months_after_acquisition_across_decades()
    {
        // g came in June 1979 (margin 10) and ordered again in February 2026 (margin 500): 560 months later, more
        // months than one numbering search covers.
        var total = (await store.DataAsync(Report, new { from = "1979-06-01T00:00:00Z", to = "1979-07-01T00:00:00Z" }))
            .GetProperty("kpis")
            .GetProperty("acquisition")
            .GetProperty("total");
        Assert.Equal(1, total.GetProperty("acquiredCustomers").GetInt32());
        Assert.Equal(100.0, total.GetProperty("cac").GetDouble(), 9);
        Assert.Equal(510.0 / 100, total.GetProperty("clvToCac").GetDouble(), 9);
        Assert.Equal(560 + 90.0 / 500, total.GetProperty("paybackMonths").GetDouble(), 9); // 10 in month 0, 90 more
    }

    [Fact]
    public async Task The_monthly_trends_match_the_report_of_each_month()
    {
        var data = await store.DataAsync(
            """
            {
              spend: kpiTrend(metric: MARKETING_SPEND, from: "2025-12-01T00:00:00Z", to: "2026-04-01T00:00:00Z", interval: MONTH) { start value }
              cac: kpiTrend(metric: CAC, from: "2025-12-01T00:00:00Z", to: "2026-04-01T00:00:00Z", interval: MONTH) { value }
              ratio: kpiTrend(metric: CLV_TO_CAC, from: "2025-12-01T00:00:00Z", to: "2026-04-01T00:00:00Z", interval: MONTH) { value }
              payback: kpiTrend(metric: PAYBACK_MONTHS, from: "2025-12-01T00:00:00Z", to: "2026-04-01T00:00:00Z", interval: MONTH, channel: "paid-search") { value }
            }
            """
        );
        var months = new[] { (2025, 12), (2026, 1), (2026, 2), (2026, 3) }
            .Select(m =>
                (
                    From: new DateTime(m.Item1, m.Item2, 1, 0, 0, 0, DateTimeKind.Utc),
                    To: new DateTime(m.Item1, m.Item2, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1)
                )
            )
            .ToList();
        for (var i = 0; i < months.Count; i++)
        {
            var expected = Expected("*", months[i].From, months[i].To);
            Assert.Equal((double)expected.Spend, data.GetProperty("spend")[i].GetProperty("value").GetDouble(), 6);
            AssertNullable((double?)expected.Cac, data.GetProperty("cac")[i].GetProperty("value"), $"cac {i}");
            AssertNullable(expected.ClvToCac, data.GetProperty("ratio")[i].GetProperty("value"), $"ratio {i}");
            AssertNullable(
                Expected("paid-search", months[i].From, months[i].To).Payback,
                data.GetProperty("payback")[i].GetProperty("value"),
                $"payback {i}"
            );
        }
    }

    [Theory]
    [InlineData(
        """{ kpiTrend(metric: CAC, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: WEEK) { value } }""",
        "interval: must be MONTH"
    )]
    [InlineData(
        """{ kpiTrend(metric: ORDERS, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: MONTH, channel: "referral") { value } }""",
        "channel: applies to the acquisition metrics only"
    )]
    public async Task Acquisition_trend_arguments_are_checked(string query, string message)
    {
        var error = (await store.GraphQLAsync(query)).GetProperty("errors")[0];
        Assert.Contains(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Customers_show_their_channel_and_campaign()
    {
        var data = await store.DataAsync(
            """{ a: customer(id: "a") { acquisition { channel campaign } } d: customer(id: "d") { acquisition { channel } } }"""
        );
        Assert.Equal(
            "paid-search",
            data.GetProperty("a").GetProperty("acquisition").GetProperty("channel").GetString()
        );
        Assert.Equal("spring", data.GetProperty("a").GetProperty("acquisition").GetProperty("campaign").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("d").GetProperty("acquisition").ValueKind);
    }
}
