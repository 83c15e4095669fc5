namespace Personalize.Lifetime;

/// <summary>
/// RFM quintile scores over a population. A customer's score on a dimension is 1 + ⌊5 · L / N⌋, where N is the
/// population size and L the number of customers strictly worse on that dimension (later last purchase, fewer
/// purchases, less spend). Equal values therefore always get equal scores, whatever the input order, and a score is the
/// quintile of the customer's rank from below (ties take their lowest rank): with 10 distinct values the scores are
/// 1,1,2,2,...,5,5.
/// </summary>
public static class RfmScorer
{
    /// <returns>The scores, in the order of <paramref name="population"/>.</returns>
    public static IReadOnlyList<RfmScore> Score(IReadOnlyList<RfmInput> population)
    {
        if (
            population.Any(p =>
                double.IsNaN(p.DaysSinceLastPurchase) || double.IsNaN(p.Frequency) || double.IsNaN(p.Monetary)
            )
        )
            throw new ArgumentException("RFM inputs must not be NaN.", nameof(population));

        // Recency is negated so that "more recent" is "larger", like the other two.
        var recency = Quintiles(population.Select(p => -p.DaysSinceLastPurchase).ToArray());
        var frequency = Quintiles(population.Select(p => p.Frequency).ToArray());
        var monetary = Quintiles(population.Select(p => p.Monetary).ToArray());
        return Enumerable
            .Range(0, population.Count)
            .Select(i => new RfmScore(recency[i], frequency[i], monetary[i]))
            .ToArray();
    }

    private static int[] Quintiles(double[] values)
    {
        var n = values.Length;
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var scores = new int[n];
        for (var i = 0; i < n; i++)
        {
            var strictlyBelow = LowerBound(sorted, values[i]);
            scores[i] = 1 + (int)(5L * strictlyBelow / n);
        }
        return scores;
    }

    // The index of the first element ≥ value, i.e. how many elements are strictly below it.
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0,
            hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
