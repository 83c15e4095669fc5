namespace Personalize.Lifetime;

/// <summary>
/// A deterministic quasi-Newton (BFGS) minimizer inside a box, for smooth objectives of a few variables.
/// </summary>
/// <remarks>
/// Each iteration moves along −H·g over the free variables (a variable on a bound whose gradient pushes it outwards is
/// held there), with a backtracking line search on the path projected onto the box; H, the inverse Hessian estimate,
/// is updated by BFGS. It stops when the projected gradient is below <c>gradientTolerance</c>, or when an iteration no
/// longer lowers the value beyond rounding and the projected gradient is below <c>floorTolerance</c>.
/// A search walking along a flat ridge towards a bound (a likelihood that keeps rising as a dropout rate goes to 0)
/// would stop short of the bound once the slope drops under the tolerance; so after convergence each variable is tried
/// on its nearer bound, kept there when the value does not rise by more than <c>flatTolerance</c>·(1+|f|), and the
/// search resumes from there.
/// </remarks>
public static class QuasiNewton
{
    private const double Armijo = 1e-4;
    private const double MaxStep = 2; // the longest move of any variable in one line search
    private const int SnapRounds = 2;

    /// <param name="objective">Returns the value at a point and writes the gradient into the second argument.</param>
    public static MinimizationResult Minimize(
        Func<double[], double[], double> objective,
        double[] start,
        double[] lower,
        double[] upper,
        double gradientTolerance = 1e-8,
        double floorTolerance = 1e-5,
        double flatTolerance = 1e-11,
        int maxIterations = 200
    )
    {
        var n = start.Length;
        var evaluations = 0;
        double Evaluate(double[] point, double[] gradient)
        {
            evaluations++;
            var value = objective(point, gradient);
            return double.IsFinite(value) && gradient.All(double.IsFinite) ? value : double.PositiveInfinity;
        }

        var x = start.Select((v, i) => Math.Clamp(v, lower[i], upper[i])).ToArray();
        var g = new double[n];
        var f = Evaluate(x, g);
        if (!double.IsFinite(f))
            return new MinimizationResult(x, f, evaluations, false);
        for (var round = 0; ; round++)
        {
            var converged = Descend(
                Evaluate,
                ref x,
                ref f,
                ref g,
                lower,
                upper,
                gradientTolerance,
                floorTolerance,
                maxIterations
            );
            if (
                !converged
                || round == SnapRounds
                || !SnapToBounds(Evaluate, ref x, ref f, ref g, lower, upper, flatTolerance)
            )
                return new MinimizationResult(x, f, evaluations, converged);
        }
    }

    private static bool Descend(
        Func<double[], double[], double> evaluate,
        ref double[] x,
        ref double f,
        ref double[] g,
        double[] lower,
        double[] upper,
        double gradientTolerance,
        double floorTolerance,
        int maxIterations
    )
    {
        var n = x.Length;
        var h = Identity(n, 1);
        var scale = 1.0;
        var scaled = false;
        var free = new bool[n];
        var wasFree = new bool[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var i = 0; i < n; i++)
                free[i] = !(x[i] <= lower[i] && g[i] > 0 || x[i] >= upper[i] && g[i] < 0);
            // A block of the inverse Hessian is not the inverse of the block: when a variable is held or let go, start
            // the estimate again from its last scale (it rebuilds in a few steps).
            if (iteration > 0 && !free.AsSpan().SequenceEqual(wasFree))
                h = Identity(n, scale);
            free.CopyTo(wasFree, 0);
            var projected = ProjectedGradient(x, g, lower, upper);
            if (projected <= gradientTolerance)
                return true;

            var direction = Direction(h, g, free);
            if (Dot(direction, g) >= 0)
            {
                // The estimate lost positive definiteness on the free variables: start it again.
                h = Identity(n, scale);
                direction = Direction(h, g, free);
            }

            var longest = direction.Max(Math.Abs);
            var step = longest > MaxStep ? MaxStep / longest : 1.0;
            double[]? next = null;
            var nextGradient = new double[n];
            var nextValue = double.PositiveInfinity;
            for (var attempt = 0; attempt < 60; attempt++, step *= 0.5)
            {
                var candidate = new double[n];
                for (var i = 0; i < n; i++)
                    candidate[i] = Math.Clamp(x[i] + step * direction[i], lower[i], upper[i]);
                var decrease = 0.0;
                for (var i = 0; i < n; i++)
                    decrease += g[i] * (candidate[i] - x[i]);
                if (!(decrease < 0))
                    break; // the step vanished under projection or rounding
                var value = evaluate(candidate, nextGradient);
                if (value <= f + Armijo * decrease)
                {
                    (next, nextValue) = (candidate, value);
                    break;
                }
            }
            if (next is null)
                return projected <= floorTolerance;

            var s = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
                (s[i], y[i]) = (next[i] - x[i], nextGradient[i] - g[i]);
            var sy = Dot(s, y);
            if (sy > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
            {
                if (!scaled)
                {
                    (scale, scaled) = (sy / Dot(y, y), true);
                    h = Identity(n, scale);
                }
                Update(h, s, y, sy);
            }
            var stalled = f - nextValue <= 1e-14 * (1 + Math.Abs(f));
            (x, f, g) = (next, nextValue, nextGradient);
            if (stalled && ProjectedGradient(x, g, lower, upper) <= floorTolerance)
                return true;
        }
        return false;
    }

    /// <returns>Whether any variable moved onto a bound.</returns>
    private static bool SnapToBounds(
        Func<double[], double[], double> evaluate,
        ref double[] x,
        ref double f,
        ref double[] g,
        double[] lower,
        double[] upper,
        double flatTolerance
    )
    {
        var moved = false;
        var start = x;
        var order = Enumerable
            .Range(0, start.Length)
            .Where(i => start[i] > lower[i] && start[i] < upper[i])
            .OrderBy(i => Math.Min(start[i] - lower[i], upper[i] - start[i]))
            .ToList();
        foreach (var i in order)
        {
            var candidate = (double[])x.Clone();
            candidate[i] = x[i] - lower[i] < upper[i] - x[i] ? lower[i] : upper[i];
            var gradient = new double[x.Length];
            var value = evaluate(candidate, gradient);
            if (!(value <= f + flatTolerance * (1 + Math.Abs(f))))
                continue;
            (x, f, g) = (candidate, value, gradient);
            moved = true;
        }
        return moved;
    }

    // The largest gradient component of a variable free to move that way.
    private static double ProjectedGradient(double[] x, double[] g, double[] lower, double[] upper)
    {
        var largest = 0.0;
        for (var i = 0; i < x.Length; i++)
            if (!(x[i] <= lower[i] && g[i] > 0 || x[i] >= upper[i] && g[i] < 0))
                largest = Math.Max(largest, Math.Abs(g[i]));
        return largest;
    }

    // −H g over the free variables, 0 on the held ones.
    private static double[] Direction(double[,] h, double[] g, bool[] free)
    {
        var n = g.Length;
        var d = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!free[i])
                continue;
            for (var j = 0; j < n; j++)
                if (free[j])
                    d[i] -= h[i, j] * g[j];
        }
        return d;
    }

    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(sᵀy).
    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var rho = 1 / sy;
        var hy = new double[n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            hy[i] += h[i, j] * y[j];
        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            h[i, j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }

    private static double[,] Identity(int n, double scale)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
            h[i, i] = scale;
        return h;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
