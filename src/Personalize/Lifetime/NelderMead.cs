namespace Personalize.Lifetime;

/// <summary>The outcome of <see cref="NelderMead.Minimize"/>.</summary>
public sealed record MinimizationResult(double[] Point, double Value, int Evaluations, bool Converged);

/// <summary>
/// A deterministic Nelder–Mead simplex minimizer inside a box, with restarts. Points outside the box are projected
/// onto it; non-finite objective values count as +∞, so the simplex walks away from them.
/// </summary>
public static class NelderMead
{
    private const double Reflection = 1,
        Expansion = 2,
        Contraction = 0.5,
        Shrink = 0.5;

    /// <param name="objective">The function to minimize.</param>
    /// <param name="start">The first point (projected onto the box).</param>
    /// <param name="step">The size of the initial simplex along each axis, and of each restart's simplex.</param>
    /// <param name="tolerance">
    /// Convergence: the simplex's values differ by at most tolerance·(1+|best|) and its vertices by at most
    /// √tolerance along every axis. After convergence the search restarts from the best point until a restart no
    /// longer improves the value by more than tolerance·(1+|best|); this guards against a collapsed simplex.
    /// </param>
    public static MinimizationResult Minimize(
        Func<double[], double> objective,
        double[] start,
        double step,
        double[] lower,
        double[] upper,
        double tolerance = 1e-10,
        int maxEvaluations = 20_000,
        int maxRestarts = 20
    )
    {
        var evaluations = 0;
        double Evaluate(double[] point)
        {
            evaluations++;
            var value = objective(point);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        var best = Project(start, lower, upper);
        var bestValue = Evaluate(best);
        var converged = false;
        for (var restart = 0; restart <= maxRestarts && evaluations < maxEvaluations; restart++)
        {
            var (point, value, done) = RunSimplex(Evaluate, best, bestValue, step, lower, upper, tolerance, () =>
                evaluations >= maxEvaluations
            );
            var improvement = bestValue - value;
            if (value <= bestValue)
                (best, bestValue) = (point, value);
            if (!done)
                break;
            if (restart > 0 && !(improvement > tolerance * (1 + Math.Abs(bestValue))))
            {
                converged = double.IsFinite(bestValue);
                break;
            }
        }
        return new MinimizationResult(best, bestValue, evaluations, converged);
    }

    private static (double[] Point, double Value, bool Converged) RunSimplex(
        Func<double[], double> evaluate,
        double[] start,
        double startValue,
        double step,
        double[] lower,
        double[] upper,
        double tolerance,
        Func<bool> outOfBudget
    )
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])start.Clone();
        values[0] = startValue;
        for (var i = 0; i < n; i++)
        {
            var p = (double[])start.Clone();
            // Step towards the roomier side of the box, so that a start on a bound still gives a full simplex.
            p[i] += upper[i] - p[i] >= p[i] - lower[i] ? step : -step;
            points[i + 1] = Project(p, lower, upper);
            values[i + 1] = evaluate(points[i + 1]);
        }

        var xTolerance = Math.Sqrt(tolerance);
        var order = new int[n + 1];
        while (true)
        {
            for (var i = 0; i <= n; i++)
                order[i] = i;
            // Stable order (ties broken by index) keeps the run deterministic.
            Array.Sort(order, (i, j) => values[i] != values[j] ? values[i].CompareTo(values[j]) : i.CompareTo(j));
            var bestIndex = order[0];
            var worst = order[n];
            var secondWorst = order[n - 1];

            if (HasConverged(points, values, bestIndex, tolerance, xTolerance))
                return (points[bestIndex], values[bestIndex], true);
            if (outOfBudget())
                return (points[bestIndex], values[bestIndex], false);

            var centroid = new double[n];
            for (var k = 0; k < n; k++)
            {
                var i = order[k];
                for (var d = 0; d < n; d++)
                    centroid[d] += points[i][d] / n;
            }

            var reflected = Along(centroid, points[worst], -Reflection, lower, upper);
            var reflectedValue = evaluate(reflected);
            if (reflectedValue < values[bestIndex])
            {
                var expanded = Along(centroid, points[worst], -Expansion, lower, upper);
                var expandedValue = evaluate(expanded);
                (points[worst], values[worst]) =
                    expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue);
                continue;
            }
            if (reflectedValue < values[secondWorst])
            {
                (points[worst], values[worst]) = (reflected, reflectedValue);
                continue;
            }

            var outside = reflectedValue < values[worst];
            var contracted = Along(centroid, outside ? reflected : points[worst], Contraction, lower, upper);
            var contractedValue = evaluate(contracted);
            if (contractedValue < (outside ? reflectedValue : values[worst]))
            {
                (points[worst], values[worst]) = (contracted, contractedValue);
                continue;
            }

            for (var i = 0; i <= n; i++)
            {
                if (i == bestIndex)
                    continue;
                points[i] = Along(points[bestIndex], points[i], Shrink, lower, upper);
                values[i] = evaluate(points[i]);
            }
        }
    }

    private static bool HasConverged(double[][] points, double[] values, int best, double tolerance, double xTolerance)
    {
        var bestValue = values[best];
        if (!double.IsFinite(bestValue))
            return false;
        for (var i = 0; i < points.Length; i++)
        {
            if (!(Math.Abs(values[i] - bestValue) <= tolerance * (1 + Math.Abs(bestValue))))
                return false;
            for (var d = 0; d < points[i].Length; d++)
                if (Math.Abs(points[i][d] - points[best][d]) > xTolerance)
                    return false;
        }
        return true;
    }

    // from + coefficient · (to − from), projected onto the box.
    private static double[] Along(double[] from, double[] to, double coefficient, double[] lower, double[] upper)
    {
        var p = new double[from.Length];
        for (var d = 0; d < p.Length; d++)
            p[d] = from[d] + coefficient * (to[d] - from[d]);
        return Project(p, lower, upper);
    }

    private static double[] Project(double[] point, double[] lower, double[] upper)
    {
        var p = new double[point.Length];
        for (var d = 0; d < p.Length; d++)
            p[d] = Math.Clamp(point[d], lower[d], upper[d]);
        return p;
    }
}
