using System.Linq.Expressions;

namespace Personalize.Querying;

/// <summary>
/// Numbers times by ascending boundaries in SQL, for grouping rows by bucket in one statement: <see cref="Number"/>
/// marks the spot in a query and <see cref="InSql"/> replaces it by a binary search over the boundaries written as
/// nested CASEs. That is about log2(boundaries) comparisons per row, cheaper than the database's date functions, and
/// shallow enough for SQL Server's limit of 10 nested CASEs: past <see cref="MaxBoundaries"/> the number is a sum of one
/// search per <see cref="MaxBoundaries"/> boundaries.
/// </summary>
internal sealed class TimeBuckets(IReadOnlyList<DateTime> boundaries)
{
    /// <summary>The most boundaries one search covers: nine nested CASEs, within SQL Server's limit of ten, and fewer
    /// segments between them than SQLite's 500 terms of a UNION ALL.</summary>
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
                ? Count(Visit(node.Arguments[0]))
                : base.VisitMethodCall(node);

        private Expression Count(Expression time) =>
            boundaries
                .Chunk(MaxBoundaries)
                .Select(part => Search(time, part, 0, part.Length))
                .DefaultIfEmpty(Expression.Constant(0))
                .Aggregate(Expression.Add);

        /// <summary>The number of <paramref name="part"/>'s boundaries at or before <paramref name="time"/>, known to
        /// be in [low, high].</summary>
        private static Expression Search(Expression time, DateTime[] part, int low, int high)
        {
            if (low == high)
                return Expression.Constant(low);
            var middle = (low + high + 1) / 2;
            return Expression.Condition(
                Expression.GreaterThanOrEqual(time, Expression.Constant(part[middle - 1])),
                Search(time, part, middle, high),
                Search(time, part, low, middle - 1)
            );
        }
    }
}
