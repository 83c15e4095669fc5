namespace Personalize.Experiments;

/// <summary>An always-valid p-value and confidence sequence for a difference, after the looks made so far.</summary>
public sealed record SequentialResult(double PValue, double Lower, double Upper);

/// <summary>
/// The mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis &amp; Walsh ("Peeking at A/B
/// tests", KDD 2017; "Always valid inference", Operations Research 2022) for a difference of means θ̂ with variance V
/// (V = s₁²/n₁ + s₀²/n₀), against H₀: θ = 0, with a normal mixture N(0, τ²) over the alternative: Λ = √(V / (V + τ²)) ·
/// exp(τ² θ̂² / (2 V (V + τ²))). The always-valid p-value is the running minimum of 1/Λ over the looks, and the 1 − α
/// confidence sequence is the running intersection of θ̂ ± √(V (V + τ²) / τ² · (2 ln(1/α) + ln((V + τ²)/V))). Both hold
/// whenever and however often they are read: rejecting when p ≤ α keeps the false-positive rate at α or below.
/// </summary>
public sealed class SequentialTest(double alpha = 0.05)
{
    /// <summary>τ = this share of the metric's pooled standard deviation: the effect sizes the test is most sensitive
    /// to.</summary>
    public const double MixtureScale = 0.1;

    private double _pValue = 1,
        _lower = double.NegativeInfinity,
        _upper = double.PositiveInfinity;

    public static double LikelihoodRatio(double difference, double variance, double tau2) =>
        Math.Sqrt(variance / (variance + tau2))
        * Math.Exp(tau2 * difference * difference / (2 * variance * (variance + tau2)));

    public static double HalfWidth(double variance, double tau2, double alpha) =>
        Math.Sqrt(
            variance * (variance + tau2) / tau2 * (2 * Math.Log(1 / alpha) + Math.Log((variance + tau2) / variance))
        );

    /// <summary>
    /// Adds a look at the data so far; returns the always-valid results after it. τ² is given per look because it is
    /// set from the metric's estimated spread (a plug-in, like V itself).
    /// </summary>
    public SequentialResult Look(double difference, double variance, double mixtureVariance)
    {
        // Without a spread to scale the mixture by (e.g. a control arm whose values are all equal), mix over the
        // estimate's own variance.
        if (!(mixtureVariance > 0) || double.IsInfinity(mixtureVariance))
            mixtureVariance = variance;
        if (variance > 0 && !double.IsInfinity(variance) && double.IsFinite(difference))
        {
            var ratio = LikelihoodRatio(difference, variance, mixtureVariance);
            _pValue = Math.Min(_pValue, double.IsPositiveInfinity(ratio) ? 0 : Math.Min(1, 1 / ratio));
            var half = HalfWidth(variance, mixtureVariance, alpha);
            _lower = Math.Max(_lower, difference - half);
            _upper = Math.Min(_upper, difference + half);
            // A running intersection can become empty only by bad luck under a true null; keep it a point, not an
            // inverted interval.
            if (_lower > _upper)
                _lower = _upper = difference;
        }
        return Current;
    }

    public SequentialResult Current => new(_pValue, _lower, _upper);
}
