namespace Personalize.Experiments;

/// <summary>A difference of means with its standard error, Welch–Satterthwaite degrees of freedom, p-value and 95 %
/// interval.</summary>
public sealed record WelchResult(
    double Difference,
    double StandardError,
    double DegreesOfFreedom,
    double T,
    double PValue,
    double Lower,
    double Upper
);

/// <summary>
/// Welch's unequal-variance t-test of treatment − control: SE = √(s₁²/n₁ + s₀²/n₀),
/// ν = (s₁²/n₁ + s₀²/n₀)² / ((s₁²/n₁)²/(n₁−1) + (s₀²/n₀)²/(n₀−1)), t = (x̄₁ − x̄₀) / SE.
/// </summary>
public static class Welch
{
    /// <returns>Null when either arm has fewer than two values.</returns>
    public static WelchResult? Test(Sample treatment, Sample control)
    {
        if (treatment.Count < 2 || control.Count < 2)
            return null;
        double v1 = treatment.MeanVariance,
            v0 = control.MeanVariance,
            difference = treatment.Mean - control.Mean;
        var error = Math.Sqrt(v1 + v0);
        if (error == 0)
            return new WelchResult(
                difference,
                0,
                treatment.Count + control.Count - 2,
                0,
                difference == 0 ? 1 : 0,
                difference,
                difference
            );
        var df = (v1 + v0) * (v1 + v0) / (v1 * v1 / (treatment.Count - 1) + v0 * v0 / (control.Count - 1));
        var t = difference / error;
        var q = Statistics.StudentTQuantile(0.975, df);
        return new WelchResult(
            difference,
            error,
            df,
            t,
            Statistics.StudentTTwoSidedPValue(t, df),
            difference - q * error,
            difference + q * error
        );
    }
}
