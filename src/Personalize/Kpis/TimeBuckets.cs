using System.Linq.Expressions;

namespace Personalize.Kpis;

/// <summary>
/// Numbers times by ascending boundaries in SQL, for grouping rows by bucket in one statement: <see cref="Number"/>
/// marks the spot in a query and <see cref="InSql"/> replaces it by a binary search over the boundaries written as
/// nested CASEs. That is about log2(boundaries) comparisons per row, and shallow enough for SQL Server's limit of 10
/// nested CASEs up to <see cref="MaxBoundaries"/>.
/// </summary>
internal sealed class TimeBuckets(IReadOnlyList<DateTime> boundaries)
{
    /// <summary>The most boundaries one query numbers by: nine nested CASEs, within SQL Server's limit of ten, and
    /// fewer segments between them than SQLite's 500 terms of a UNION ALL.</summary>
    public const int MaxBoundaries = 500;

    /// <summary>The number of boundaries at or before <paramref name="time"/> (0 before the first); only inside a
    /// query passed to <see cref="InSql"/>.</summary>
    public static int Number(DateTime time) =>
        throw new InvalidOperationException("TimeBuckets.Number() is translated to SQL by InSql.");

    public IQueryable<T> InSql<T>(IQueryable<T> query) =>
        query.Provider.CreateQuery<T>(new Inliner(boundaries).Visit(query.Expression));

    private sealed class Inliner(IReadOnlyList<DateTime> boundaries) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.DeclaringType == typeof(TimeBuckets) && node.Method.Name == nameof(Number)
                ? Search(Visit(node.Arguments[0]), 0, boundaries.Count)
                : base.VisitMethodCall(node);

        /// <summary>The number of boundaries at or before <paramref name="time"/>, known to be in [low,
        /// high].</summary>
        private Expression Search(Expression time, int low, int high)
        {
            if (low == high)
                return Expression.Constant(low);
            var middle = (low + high + 1) / 2;
            return Expression.Condition(
                Expression.GreaterThanOrEqual(time, Expression.Constant(boundaries[middle - 1])),
                Search(time, middle, high),
                Search(time, low, middle - 1)
            );
        }
    }
}
