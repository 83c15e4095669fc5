using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class CustomerStatisticsTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 31);

    private static readonly CustomerTransaction[] Transactions =
    [
        new(new DateTime(2025, 1, 1, 9, 0, 0), 100m, 30m),
        new(new DateTime(2025, 1, 15, 10, 0, 0), 20m, 5m),
        new(new DateTime(2025, 1, 15, 18, 0, 0), 40m, 10m), // same day: one purchase occasion of 60
        new(new DateTime(2025, 2, 12, 12, 0, 0), 30m, 9m),
        new(new DateTime(2025, 4, 1, 8, 0, 0), 999m, 1m), // after the as-of day: ignored
    ];

    [Fact]
    public void Repeat_purchases_are_distinct_days_after_the_first()
    {
        var s = CustomerStatistics.FromTransactions(Transactions, AsOf, ClvTimeUnit.Day)!;

        Assert.Equal(2, s.Frequency);
        Assert.Equal(42, s.Recency); // Jan 1 → Feb 12
        Assert.Equal(89, s.Age); // Jan 1 → Mar 31
        Assert.Equal(45m, s.MonetaryValue); // (60 + 30) / 2, the first day left out
    }

    [Fact]
    public void Weeks_divide_days_by_seven()
    {
        var s = CustomerStatistics.FromTransactions(Transactions, AsOf, ClvTimeUnit.Week)!;

        Assert.Equal(6, s.Recency, 12);
        Assert.Equal(89 / 7.0, s.Age, 12);
    }

    [Fact]
    public void Historical_figures()
    {
        var s = CustomerStatistics.FromTransactions(Transactions, AsOf)!;

        Assert.Equal(190m, s.Revenue);
        Assert.Equal(4, s.OrderCount);
        Assert.Equal(47.5m, s.AverageOrderValue);
        Assert.Equal(new DateTime(2025, 1, 1, 9, 0, 0), s.FirstOrderAt);
        Assert.Equal(new DateTime(2025, 2, 12, 12, 0, 0), s.LastOrderAt);
        Assert.Equal(89, s.TenureDays);
        Assert.Equal(90 / 365.25, s.YearsOfRelationship, 12);
        Assert.Equal(4 / (90 / 365.25), s.PurchasesPerYear, 9);
        Assert.Equal(190m, decimal.Round(s.HistoricalClv, 6));
        Assert.Equal(54m, s.TotalMargin);
        Assert.Equal(54m, decimal.Round(s.HistoricalMarginClv!.Value, 6));
    }

    [Fact]
    public void Margin_figures_are_null_when_any_margin_is_unknown()
    {
        var s = CustomerStatistics.FromTransactions([.. Transactions, new(new DateTime(2025, 3, 1), 10m)], AsOf)!;

        Assert.Null(s.TotalMargin);
        Assert.Null(s.HistoricalMarginClv);
        Assert.Null(s.MarginRate);
    }

    [Fact]
    public void One_time_buyer_and_future_customer()
    {
        var single = CustomerStatistics.FromTransactions([new(new DateTime(2025, 3, 31, 23, 0, 0), 10m)], AsOf)!;
        Assert.Equal(0, single.Frequency);
        Assert.Equal(0, single.Recency);
        Assert.Equal(0, single.Age);
        Assert.Equal(0m, single.MonetaryValue);

        Assert.Null(CustomerStatistics.FromTransactions([new(new DateTime(2025, 4, 1), 10m)], AsOf));
    }

    [Fact]
    public void The_streaming_accumulator_gives_what_the_transactions_give_and_wants_them_in_time_order()
    {
        var accumulator = new CustomerStatisticsAccumulator();
        foreach (var t in Transactions.Where(t => t.Time < new DateTime(2025, 4, 1)))
            accumulator.Add(t.Time, t.Amount, t.Margin);

        // Shuffled input to FromTransactions, which sorts: the same statistics.
        Assert.Equal(
            CustomerStatistics.FromTransactions(Transactions.Reverse(), AsOf),
            accumulator.Build(AsOf, ClvTimeUnit.Week)
        );
        Assert.Throws<ArgumentException>(() => accumulator.Add(new DateTime(2025, 1, 2), 5m));
        accumulator.Reset();
        Assert.Null(accumulator.Build(AsOf, ClvTimeUnit.Week));
        accumulator.Add(new DateTime(2025, 1, 2), 5m);
        Assert.Null(accumulator.Build(AsOf, ClvTimeUnit.Week)!.TotalMargin);
    }
}
