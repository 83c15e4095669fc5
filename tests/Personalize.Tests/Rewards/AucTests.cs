using Personalize.Offers;

namespace Personalize.Tests.Rewards;

public sealed class AucTests
{
    [Fact]
    public void Perfect_separation_is_one_and_reversed_is_zero()
    {
        Assert.Equal(1.0, Auc.Compute([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.0, Auc.Compute([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
    }

    [Fact]
    public void Hand_computed_case_with_a_tie()
    {
        // Positives 0.8, 0.4; negatives 0.4, 0.3, 0.1. Pairs won: 0.8 beats 3; 0.4 beats 2 and ties 1 (½). (3 + 2.5) /
        // 6.
        Assert.Equal(5.5 / 6, Auc.Compute([0.8, 0.4, 0.4, 0.3, 0.1], [true, true, false, false, false]), 12);
    }

    [Fact]
    public void One_class_only_has_no_auc() => Assert.True(double.IsNaN(Auc.Compute([0.1, 0.2], [true, true])));
}
