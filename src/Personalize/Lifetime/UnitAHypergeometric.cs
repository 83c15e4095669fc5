namespace Personalize.Lifetime;

/// <summary>
/// ₂F₁(1, b; c; z) for one (b, c), 0 &lt; b &lt; c, at any number of 0 ≤ z &lt; 1, with its derivatives by b, c and z
/// when asked: the series Σ aₙ zⁿ, aₙ = (b)ₙ/(c)ₙ, with ∂aₙ/∂b = aₙ Σ_{k&lt;n} 1/(b+k) and ∂aₙ/∂c = −aₙ Σ_{k&lt;n}
/// 1/(c+k), the coefficients computed once, as far as the largest z needs.
/// </summary>
/// <remarks>
/// The terms are positive and shrink by (b+n)/(c+n)·z &lt; z, so the tail after a term is at most term·ratio/(1−ratio)
/// (summing stops when n times that is below 10⁻¹⁶ of the sum, which also bounds the derivatives' tails). That is fast
/// unless z is near 1 (a few thousand terms reach z ≈ 0.98); beyond, the general routine's 1−z connection formula takes
/// over, whose series then run in 1−z &lt; 0.02, and the derivatives are taken by central differences. Once the series
/// has failed at some z it is not tried again at a larger one, which needs even more terms.
/// </remarks>
internal sealed class UnitAHypergeometric(double b, double c)
{
    private const int MaxTerms = 3_000;
    private double[] _coefficients = new double[64];
    private double[] _byB = new double[64];
    private double[] _byC = new double[64];
    private double[] _ratios = new double[64];
    private int _count;
    private double _failedFrom = double.PositiveInfinity;

    public double Evaluate(double z) => Evaluate(z, out _, out _, out _, derivatives: false);

    /// <param name="byB">∂₂F₁/∂b.</param>
    /// <param name="byC">∂₂F₁/∂c.</param>
    /// <param name="byZ">∂₂F₁/∂z.</param>
    public double Evaluate(double z, out double byB, out double byC, out double byZ) =>
        Evaluate(z, out byB, out byC, out byZ, derivatives: true);

    private double Evaluate(double z, out double byB, out double byC, out double byZ, bool derivatives)
    {
        (byB, byC, byZ) = (0, 0, 0);
        if (z == 0)
        {
            if (derivatives)
                byZ = b / c;
            return 1;
        }
        if (z < _failedFrom)
        {
            double sum = 1,
                power = 1,
                previousPower = 1;
            for (var n = 1; n <= MaxTerms; n++)
            {
                if (n >= _count)
                    Extend(n);
                power *= z;
                var term = _coefficients[n] * power;
                sum += term;
                if (derivatives)
                {
                    byB += _byB[n] * power;
                    byC -= _byC[n] * power;
                    byZ += n * _coefficients[n] * previousPower;
                    previousPower = power;
                }
                var ratio = _ratios[n] * z;
                if (n * term * ratio <= 1e-16 * sum * (1 - ratio))
                    return sum;
            }
            _failedFrom = z;
        }
        var value = NearOne(b, c, z);
        if (derivatives)
        {
            var (hb, hc, hz) = (1e-5 * b, 1e-5 * c, 1e-3 * (1 - z));
            byB = (NearOne(b + hb, c, z) - NearOne(b - hb, c, z)) / (2 * hb);
            byC = (NearOne(b, c + hc, z) - NearOne(b, c - hc, z)) / (2 * hc);
            byZ = (NearOne(b, c, z + hz) - NearOne(b, c, z - hz)) / (2 * hz);
        }
        return value;
    }

    // Coefficient n, its derivatives' factors and the next term's ratio (b+n)/(c+n), up to at least the n asked.
    private void Extend(int n)
    {
        if (n >= _coefficients.Length)
        {
            var size = Math.Max(n + 1, 2 * _coefficients.Length);
            Array.Resize(ref _coefficients, size);
            Array.Resize(ref _byB, size);
            Array.Resize(ref _byC, size);
            Array.Resize(ref _ratios, size);
        }
        if (_count == 0)
            (_coefficients[0], _byB[0], _byC[0], _ratios[0], _count) = (1, 0, 0, b / c, 1);
        for (; _count <= n; _count++)
        {
            var k = _count - 1;
            var a = _coefficients[k] * _ratios[k];
            _coefficients[_count] = a;
            // aₙ·Σ_{k<n} 1/(b+k), from aₙ₋₁·Σ_{k<n−1}: multiply by the ratio, add aₙ/(b+n−1).
            _byB[_count] = _byB[k] * _ratios[k] + a / (b + k);
            _byC[_count] = _byC[k] * _ratios[k] + a / (c + k);
            _ratios[_count] = (b + _count) / (c + _count);
        }
    }

    // The connection formula is singular when c − 1 − b is an integer (the general routine then sums a slow series);
    // ₂F₁ is smooth in c, so there it is interpolated from c ± 3·10⁻³ and c ± 6·10⁻³ (cubic through the four, at c).
    private static double NearOne(double b, double c, double z)
    {
        const double h = 3e-3;
        var m = c - 1 - b;
        if (Math.Abs(m - Math.Round(m)) >= 1e-3)
            return Hypergeometric.Hyp2F1(1, b, c, z);
        return (
                -Hypergeometric.Hyp2F1(1, b, c - 2 * h, z)
                + 4 * Hypergeometric.Hyp2F1(1, b, c - h, z)
                + 4 * Hypergeometric.Hyp2F1(1, b, c + h, z)
                - Hypergeometric.Hyp2F1(1, b, c + 2 * h, z)
            ) / 6;
    }
}
