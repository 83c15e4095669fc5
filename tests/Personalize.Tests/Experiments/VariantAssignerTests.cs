using Personalize.Experiments;

namespace Personalize.Tests.Experiments;

public sealed class VariantAssignerTests
{
    private static readonly string[] Customers = Enumerable.Range(0, 20_000).Select(i => $"customer-{i}").ToArray();

    private static Experiment Experiment(string key, double holdout, params (string Key, int Weight)[] variants) =>
        new()
        {
            Key = key,
            HoldoutShare = holdout,
            Variants = variants
                .Select(
                    (v, i) =>
                        new ExperimentVariant
                        {
                            Id = i + 1,
                            Key = v.Key,
                            Weight = v.Weight,
                            IsControl = i == 0,
                        }
                )
                .ToList(),
        };

    [Fact]
    public void A_customer_always_gets_the_same_arm()
    {
        var experiment = Experiment("sticky", 0.2, ("a", 1), ("b", 1), ("c", 2));
        foreach (var customer in Customers.Take(500))
            Assert.Equal(
                VariantAssigner.Assign(experiment, customer)?.Key,
                VariantAssigner.Assign(experiment, customer)?.Key
            );
    }

    [Fact]
    public void The_arm_does_not_depend_on_the_order_the_variants_are_listed_in()
    {
        var listed = Experiment("order", 0, ("a", 1), ("b", 3));
        var reversed = Experiment("order", 0, ("b", 3), ("a", 1));
        foreach (var customer in Customers.Take(500))
            Assert.Equal(
                VariantAssigner.Assign(listed, customer)!.Key,
                VariantAssigner.Assign(reversed, customer)!.Key
            );
    }

    [Fact]
    public void Arms_get_their_configured_shares()
    {
        var experiment = Experiment("shares", 0.1, ("control", 1), ("treatment", 3));
        var counts = Customers
            .GroupBy(c => VariantAssigner.Assign(experiment, c)?.Key ?? "holdout")
            .ToDictionary(g => g.Key, g => g.Count());

        AssertShare(counts["holdout"], 0.1);
        AssertShare(counts["control"], 0.9 * 0.25);
        AssertShare(counts["treatment"], 0.9 * 0.75);
    }

    [Fact]
    public void Two_experiments_split_customers_independently()
    {
        var first = Experiment("first", 0, ("a", 1), ("b", 1));
        var second = Experiment("second", 0, ("x", 1), ("y", 1));
        var cells = Customers
            .GroupBy(c => (VariantAssigner.Assign(first, c)!.Key, VariantAssigner.Assign(second, c)!.Key))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(4, cells.Count);
        foreach (var count in cells.Values)
            AssertShare(count, 0.25);
    }

    [Fact]
    public void Positions_are_uniform_in_zero_to_one()
    {
        var positions = Customers.Select(c => VariantAssigner.Position("uniform", c)).ToArray();
        Assert.All(positions, p => Assert.InRange(p, 0, 1 - double.Epsilon));
        // Ten equal bins, each within 5 standard deviations of 2,000.
        foreach (var bin in positions.GroupBy(p => (int)(p * 10)))
            AssertShare(bin.Count(), 0.1);
    }

    /// <summary>Within 5 binomial standard deviations of the expected count (the hash is fixed, so this never
    /// flickers).</summary>
    private static void AssertShare(int count, double share)
    {
        var expected = Customers.Length * share;
        var deviation = Math.Sqrt(Customers.Length * share * (1 - share));
        Assert.InRange(count, expected - 5 * deviation, expected + 5 * deviation);
    }
}
