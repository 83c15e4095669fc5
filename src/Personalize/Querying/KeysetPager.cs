using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Personalize.Querying;

/// <summary>
/// Keyset (seek) pagination: a page is "the next N rows after this row's sort keys", never an offset, so rows
/// inserted or deleted between requests do not make a page repeat or skip a row. Ties are broken by the row id.
/// </summary>
public static class KeysetPager
{
    public static async Task<Page<T>> ReadPageAsync<T>(
        IQueryable<T> query,
        IReadOnlyList<SortKey> order,
        Expression<Func<T, long>> id,
        PageRequest request,
        PagingOptions options,
        CancellationToken cancellationToken
    )
    {
        var size = request.Size(options);
        var keys = WithId(order, id);
        var backward = request.IsBackward;
        var cursor = backward ? request.Before : request.After;
        var seekKeys = backward ? Reverse(keys) : keys;

        var seek = query;
        if (cursor is not null)
            seek = seek.Where(After<T>(seekKeys, Decode(cursor, keys, backward ? "before" : "after")));
        var rows = await Sort(seek, seekKeys).Take(size + 1).ToListAsync(cancellationToken);

        var hasMore = rows.Count > size;
        if (hasMore)
            rows.RemoveAt(rows.Count - 1);
        if (backward)
            rows.Reverse();

        var hasOpposite = false;
        if (request.IncludeOppositePage && cursor is not null)
            hasOpposite = await query
                .Where(Negate(After<T>(seekKeys, Decode(cursor, keys, backward ? "before" : "after"))))
                .AnyAsync(cancellationToken);

        var readers = keys.Select(k => k.Field.Selector.Compile()).ToArray();
        var edges = rows.Select(row => new Edge<T>(row, Cursor(order, readers, row))).ToList();
        return backward ? new Page<T>(edges, hasOpposite, hasMore) : new Page<T>(edges, hasMore, hasOpposite);
    }

    /// <summary>
    /// One page per parent (e.g. the latest 5 orders of each of 50 customers) in a single statement: each parent's
    /// rows are sorted and cut in SQL (EF Core turns the projection into ROW_NUMBER() OVER (PARTITION BY ...)).
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, Page<T>>> ReadPagesAsync<TParent, T>(
        IQueryable<TParent> parents,
        Expression<Func<TParent, long>> parentId,
        Expression<Func<TParent, IEnumerable<T>>> children,
        IReadOnlyList<SortKey> order,
        Expression<Func<T, long>> id,
        PageRequest request,
        PagingOptions options,
        CancellationToken cancellationToken
    )
    {
        var size = request.Size(options);
        var keys = WithId(order, id);
        var backward = request.IsBackward;
        var cursor = backward ? request.Before : request.After;
        var seekKeys = backward ? Reverse(keys) : keys;
        var after = cursor is null ? null : After<T>(seekKeys, Decode(cursor, keys, backward ? "before" : "after"));

        // parent => new ParentRows { ParentId = parent.Id, Rows = parent.Children.Where(after).OrderBy(k1)...Take(size
        // + 1).ToList() }
        var parent = children.Parameters[0];
        Expression rows = children.Body;
        if (after is not null)
            rows = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [typeof(T)], rows, after);
        for (var i = 0; i < seekKeys.Count; i++)
        {
            var method =
                (i == 0 ? "OrderBy" : "ThenBy") + (seekKeys[i].Direction == SortDirection.Desc ? "Descending" : "");
            rows = Expression.Call(
                typeof(Enumerable),
                method,
                [typeof(T), seekKeys[i].Field.Selector.ReturnType],
                rows,
                seekKeys[i].Field.Selector
            );
        }
        rows = Expression.Call(
            typeof(Enumerable),
            nameof(Enumerable.Take),
            [typeof(T)],
            rows,
            Expression.Constant(size + 1)
        );
        rows = Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(T)], rows);
        var projection = Expression.Lambda<Func<TParent, ParentRows<T>>>(
            Expression.MemberInit(
                Expression.New(typeof(ParentRows<T>)),
                Expression.Bind(
                    typeof(ParentRows<T>).GetProperty(nameof(ParentRows<T>.ParentId))!,
                    new ParameterReplacer(parentId.Parameters[0], parent).Visit(parentId.Body)
                ),
                Expression.Bind(typeof(ParentRows<T>).GetProperty(nameof(ParentRows<T>.Rows))!, rows)
            ),
            parent
        );
        var fetched = await parents.Select(projection).ToListAsync(cancellationToken);

        var withOpposite = new HashSet<long>();
        if (request.IncludeOppositePage && after is not null)
        {
            var before = Expression.Call(
                typeof(Enumerable),
                nameof(Enumerable.Any),
                [typeof(T)],
                children.Body,
                Negate(after)
            );
            var hasBefore = Expression.Lambda<Func<TParent, bool>>(before, parent);
            withOpposite = (await parents.Where(hasBefore).Select(parentId).ToListAsync(cancellationToken)).ToHashSet();
        }

        var readers = keys.Select(k => k.Field.Selector.Compile()).ToArray();
        var pages = new Dictionary<long, Page<T>>();
        foreach (var group in fetched)
        {
            var list = group.Rows;
            var hasMore = list.Count > size;
            if (hasMore)
                list.RemoveAt(list.Count - 1);
            if (backward)
                list.Reverse();
            var edges = list.Select(row => new Edge<T>(row, Cursor(order, readers, row))).ToList();
            var hasOpposite = withOpposite.Contains(group.ParentId);
            pages[group.ParentId] = backward
                ? new Page<T>(edges, hasOpposite, hasMore)
                : new Page<T>(edges, hasMore, hasOpposite);
        }
        return pages;
    }

    // A class with settable properties so that EF Core can materialize the projection.
    private sealed class ParentRows<T>
    {
        public long ParentId { get; set; }
        public List<T> Rows { get; set; } = [];
    }

    /// <summary>The cursor of a row in an order: the order's key values and the id (the last reader).</summary>
    private static string Cursor<T>(IReadOnlyList<SortKey> order, Delegate[] readers, T row)
    {
        var values = readers.Take(order.Count).Select(r => r.DynamicInvoke(row)).ToList();
        return KeysetCursor.Encode(order, values, (long)readers[^1].DynamicInvoke(row)!);
    }

    private static (object?[] Values, long Id) Decode(string cursor, IReadOnlyList<SortKey> keys, string path)
    {
        var order = keys.Take(keys.Count - 1).ToList();
        var (values, id) = KeysetCursor.Decode(
            cursor,
            order,
            order.Select(k => k.Field.Selector.ReturnType).ToList(),
            path
        );
        return ([.. values, id], id);
    }

    private static List<SortKey> WithId<T>(IReadOnlyList<SortKey> order, Expression<Func<T, long>> id)
    {
        // The tie-breaker follows the direction of the last key, so "newest first" lists show the newest ids first.
        var direction = order.Count > 0 ? order[^1].Direction : SortDirection.Asc;
        return [.. order, new SortKey(new SortField("id", "row id", id), direction)];
    }

    private static List<SortKey> Reverse(IReadOnlyList<SortKey> keys) =>
        keys.Select(k =>
                k with
                {
                    Direction = k.Direction == SortDirection.Asc ? SortDirection.Desc : SortDirection.Asc,
                }
            )
            .ToList();

    public static IQueryable<T> Sort<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys)
    {
        var expression = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var method = (i == 0, keys[i].Direction) switch
            {
                (true, SortDirection.Asc) => nameof(Queryable.OrderBy),
                (true, SortDirection.Desc) => nameof(Queryable.OrderByDescending),
                (false, SortDirection.Asc) => nameof(Queryable.ThenBy),
                _ => nameof(Queryable.ThenByDescending),
            };
            var selector = keys[i].Field.Selector;
            expression = Expression.Call(
                typeof(Queryable),
                method,
                [typeof(T), selector.ReturnType],
                expression,
                Expression.Quote(selector)
            );
        }
        return query.Provider.CreateQuery<T>(expression);
    }

    /// <summary>
    /// "Comes after this row": (k1 after v1) or (k1 = v1 and k2 after v2) or ... NULL sorts first ascending and
    /// last descending, as in SQLite and SQL Server.
    /// </summary>
    private static Expression<Func<T, bool>> After<T>(IReadOnlyList<SortKey> keys, (object?[] Values, long Id) cursor)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        Expression equalSoFar = Expression.Constant(true);
        for (var i = 0; i < keys.Count; i++)
        {
            var member = new ParameterReplacer(keys[i].Field.Selector.Parameters[0], row).Visit(
                keys[i].Field.Selector.Body
            );
            var value = cursor.Values[i];
            var after = Comparisons.After(member, value, keys[i].Direction);
            var clause = Expression.AndAlso(equalSoFar, after);
            any = any is null ? clause : Expression.OrElse(any, clause);
            equalSoFar = Expression.AndAlso(equalSoFar, Comparisons.Equal(member, value));
        }
        return Expression.Lambda<Func<T, bool>>(any!, row);
    }

    private static Expression<Func<T, bool>> Negate<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private static class Comparisons
    {
        private static readonly MethodInfo StringCompare = typeof(string).GetMethod(
            nameof(string.Compare),
            [typeof(string), typeof(string)]
        )!;

        public static Expression Equal(Expression member, object? value) =>
            value is null ? IsNull(member) : Expression.Equal(member, Constant(value, member.Type));

        public static Expression After(Expression member, object? value, SortDirection direction)
        {
            var nullable = !member.Type.IsValueType || Nullable.GetUnderlyingType(member.Type) is not null;
            if (direction == SortDirection.Asc)
                return value is null ? Expression.Not(IsNull(member)) : Compare(member, value, Expression.GreaterThan);
            if (value is null)
                return Expression.Constant(false);
            var smaller = Compare(member, value, Expression.LessThan);
            return nullable ? Expression.OrElse(smaller, IsNull(member)) : smaller;
        }

        private static Expression Compare(
            Expression member,
            object value,
            Func<Expression, Expression, BinaryExpression> op
        )
        {
            var constant = Constant(value, member.Type);
            if (member.Type == typeof(string))
                return op(Expression.Call(StringCompare, member, constant), Expression.Constant(0));
            var underlying = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
            if (underlying.IsEnum)
            {
                var number = member.Type == underlying ? typeof(int) : typeof(int?);
                return op(Expression.Convert(member, number), Expression.Convert(constant, number));
            }
            return op(member, constant);
        }

        private static Expression IsNull(Expression member) =>
            !member.Type.IsValueType || Nullable.GetUnderlyingType(member.Type) is not null
                ? Expression.Equal(member, Expression.Constant(null, member.Type))
                : Expression.Constant(false);

        private static Expression Constant(object value, Type type) => QueryParameter.Of(value, type);
    }
}
