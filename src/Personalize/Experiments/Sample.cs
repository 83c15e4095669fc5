namespace Personalize.Experiments;

/// <summary>Size, mean and unbiased variance (n − 1) of one arm's values of a metric.</summary>
public sealed record Sample(double Count, double Mean, double Variance)
{
    public static Sample Of(IReadOnlyCollection<double> values)
    {
        var n = values.Count;
        if (n == 0)
            return new Sample(0, 0, 0);
        var mean = values.Average();
        var variance = n < 2 ? 0 : values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        return new Sample(n, mean, variance);
    }

    /// <summary>Variance of the mean: s² / n.</summary>
    public double MeanVariance => Count == 0 ? 0 : Variance / Count;
}
