namespace Personalize.Seeding;

/// <summary>The distributions the demo store is drawn from, on a seeded <see cref="Random"/>.</summary>
internal static class Sampling
{
    public static double Exponential(this Random rng, double mean) => -mean * Math.Log(1 - rng.NextDouble());

    /// <summary>Marsaglia and Tsang's method.</summary>
    public static double Gamma(this Random rng, double shape, double scale)
    {
        if (shape < 1)
            return rng.Gamma(shape + 1, scale) * Math.Pow(rng.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x,
                v;
            do
            {
                x = rng.Normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = rng.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v * scale;
        }
    }

    public static double Beta(this Random rng, double a, double b)
    {
        var x = rng.Gamma(a, 1);
        return x / (x + rng.Gamma(b, 1));
    }

    public static double Normal(this Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Knuth's method (small means).</summary>
    public static int Poisson(this Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var (k, p) = (0, rng.NextDouble());
        while (p > limit)
            (k, p) = (k + 1, p * rng.NextDouble());
        return k;
    }

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static T Weighted<T>(this Random rng, IReadOnlyList<(T Item, double Weight)> items)
    {
        var x = rng.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
            if ((x -= weight) < 0)
                return item;
        return items[^1].Item;
    }
}
