using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Querying;

/// <summary>A page of a filtered list, with the list's total count computed only when asked for.</summary>
public sealed class Connection<T>(Page<T> page, Func<CancellationToken, Task<int>> countTotal)
{
    public Page<T> Page { get; } = page;

    public Task<int> CountTotalAsync(CancellationToken cancellationToken) => countTotal(cancellationToken);

    /// <summary>A page of <paramref name="source"/> filtered by a `where:` value and sorted by an `order:`
    /// value.</summary>
    public static Task<Connection<T>> ReadAsync(
        IDbContextFactory<PersonalizeDbContext> factory,
        Func<PersonalizeDbContext, IQueryable<T>> source,
        FilterDefinition<T> filter,
        IReadOnlyDictionary<string, object?>? where,
        SortDefinition<T> sort,
        IEnumerable<object?>? order,
        PageRequest request,
        PagingOptions options,
        CancellationToken cancellationToken
    )
    {
        var predicate = filter.ToPredicate(where);
        return ReadAsync(
            factory,
            db => source(db).Where(predicate),
            sort.Parse(order),
            sort.Id,
            request,
            options,
            cancellationToken
        );
    }

    /// <summary>Reads a page of <paramref name="query"/>; the count, if asked for, runs later on a context of its
    /// own.</summary>
    public static async Task<Connection<T>> ReadAsync(
        IDbContextFactory<PersonalizeDbContext> factory,
        Func<PersonalizeDbContext, IQueryable<T>> query,
        IReadOnlyList<SortKey> order,
        Expression<Func<T, long>> id,
        PageRequest request,
        PagingOptions options,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var page = await KeysetPager.ReadPageAsync(query(db), order, id, request, options, cancellationToken);
        return new Connection<T>(page, async ct =>
        {
            await using var countDb = await factory.CreateDbContextAsync(ct);
            return await query(countDb).CountAsync(ct);
        });
    }
}
