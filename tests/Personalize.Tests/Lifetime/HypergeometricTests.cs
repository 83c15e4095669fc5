using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class HypergeometricTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(0.999)]
    [InlineData(0.99999)]
    [InlineData(0.9999999)]
    [InlineData(-0.5)]
    [InlineData(-20)]
    public void Logarithm_identity_including_the_integer_c_minus_a_minus_b_case(double z)
    {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z, where c − a − b = 0.
        AssertClose(-Math.Log(1 - z) / z, Hypergeometric.Hyp2F1(1, 1, 2, z), 1e-8);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999999)]
    public void Arcsine_identity(double x)
    {
        // ₂F₁(½, ½; 3/2; x²) = arcsin(x) / x
        AssertClose(Math.Asin(x) / x, Hypergeometric.Hyp2F1(0.5, 0.5, 1.5, x * x), 1e-11);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3)]
    public void Arctangent_identity_for_negative_z(double x)
    {
        // ₂F₁(½, 1; 3/2; −x²) = arctan(x) / x
        AssertClose(Math.Atan(x) / x, Hypergeometric.Hyp2F1(0.5, 1, 1.5, -x * x), 1e-12);
    }

    [Theory]
    [InlineData(0.243, 0.4)]
    [InlineData(2.7, 0.95)]
    [InlineData(12.3, -3)]
    public void Binomial_identity(double a, double z)
    {
        // ₂F₁(a, b; b; z) = (1 − z)^(−a)
        AssertClose(Math.Pow(1 - z, -a), Hypergeometric.Hyp2F1(a, 1.7, 1.7, z), 1e-10);
    }

    [Fact]
    public void Polynomial_case_and_gauss_sum()
    {
        // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
        AssertClose(1 - 2 * 3.0 * 5 / 4 + 3.0 * 4 * 25 / (4 * 5), Hypergeometric.Hyp2F1(-2, 3, 4, 5), 1e-14);
        // Gauss: ₂F₁(a, b; c; 1) = Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b)); with a = b = ½, c = 2: Γ(2)Γ(1)/Γ(3/2)² = 4/π
        AssertClose(4 / Math.PI, Hypergeometric.Hyp2F1(0.5, 0.5, 2, 1), 1e-12);
    }

    [Fact]
    public void Series_and_connection_formula_agree_where_they_meet()
    {
        // At z = 0.9 the evaluation switches from the series to the 1 − z formula; the two must agree.
        var below = Hypergeometric.Hyp2F1(2.243, 4.426, 5.219, 0.9);
        var above = Hypergeometric.Hyp2F1(2.243, 4.426, 5.219, 0.9 + 1e-12);
        AssertClose(below, above, 1e-9);
    }

    [Fact]
    public void Gamma_functions()
    {
        AssertClose(Math.Log(24), SpecialFunctions.LogGamma(5), 1e-14);
        AssertClose(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 1e-14);
        AssertClose(Math.Log(2 * Math.Sqrt(Math.PI)), SpecialFunctions.LogGamma(-0.5), 1e-13); // Γ(−½) = −2√π
        Assert.Equal(-1, SpecialFunctions.GammaSign(-0.5));
        Assert.Equal(1, SpecialFunctions.GammaSign(-1.5));
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(
            Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R}"
        );
}
