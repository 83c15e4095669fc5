using Personalize.Lifetime.Backtest;

namespace Personalize.Tests.Lifetime.Backtest;

public sealed class BacktestSampleTests
{
    private static ClvBacktestCustomer[] Customers(int count, int firstId = 1) =>
        Enumerable
            .Range(firstId, count)
            .Select(id => new ClvBacktestCustomer(id, id % 5, id % 5, 10, id % 3, 0))
            .ToArray();

    [Fact]
    public void A_sample_has_the_size_asked_keeps_the_customers_order_and_is_the_same_each_time()
    {
        var customers = Customers(10_000);

        var sample = BacktestSample.Take(customers, 1_000);

        Assert.Equal(1_000, sample.Count);
        Assert.Equal(sample.OrderBy(c => c.CustomerId), sample);
        Assert.Equal(1_000, sample.Select(c => c.CustomerId).Distinct().Count());
        Assert.Equal(sample, BacktestSample.Take(customers, 1_000));
        Assert.Same(customers, BacktestSample.Take(customers, 10_000));
    }

    [Fact]
    public void Another_seed_draws_another_sample_and_new_customers_leave_most_of_it_in_place()
    {
        var customers = Customers(10_000);
        var sample = BacktestSample.Take(customers, 1_000).Select(c => c.CustomerId).ToHashSet();

        var other = BacktestSample.Take(customers, 1_000, seed: 1).Select(c => c.CustomerId).ToHashSet();
        // Two independent draws of 10 % share about 10 % of their customers.
        Assert.InRange(sample.Intersect(other).Count(), 50, 160);

        // 5 % more customers: a customer stays in the sample unless a newcomer's hash pushes it out.
        var grown = BacktestSample.Take(Customers(10_500), 1_000).Select(c => c.CustomerId).ToHashSet();
        Assert.True(sample.Intersect(grown).Count() >= 900, $"{sample.Intersect(grown).Count()} kept");
    }

    [Fact]
    public void Each_customer_is_about_as_likely_to_be_drawn()
    {
        var customers = Customers(2_000);
        var drawn = new int[2_001];
        for (var seed = 0; seed < 400; seed++)
            foreach (var c in BacktestSample.Take(customers, 200, seed))
                drawn[c.CustomerId]++;

        // Each is drawn with p = 0.1 in 400 draws: mean 40, standard deviation 6; low ids no likelier than high ones.
        Assert.InRange(drawn.Skip(1).Average(), 39.99, 40.01);
        Assert.InRange(drawn.Skip(1).Max(), 41, 70);
        Assert.InRange(drawn.Skip(1).Min(), 12, 39);
        Assert.InRange(drawn.Skip(1).Take(1_000).Average() - drawn.Skip(1_001).Average(), -1.5, 1.5);
    }
}
