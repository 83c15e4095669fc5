namespace Personalize.Offers;

/// <summary>Area under the ROC curve: the probability that a random positive scores above a random negative (ties count
/// half).</summary>
public static class Auc
{
    /// <returns>NaN when there are no positives or no negatives.</returns>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var ranked = scores.Zip(labels).OrderBy(p => p.First).ToArray();
        long positives = labels.Count(l => l),
            negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        // Mann-Whitney U from average ranks (1-based), ties sharing their mean rank.
        double rankSum = 0;
        for (var i = 0; i < ranked.Length; )
        {
            var j = i;
            while (j < ranked.Length && ranked[j].First == ranked[i].First)
                j++;
            var meanRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
                if (ranked[k].Second)
                    rankSum += meanRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
