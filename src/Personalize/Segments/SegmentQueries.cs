using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Segments;

/// <summary>Reading segments and evaluating their rules in SQL: membership and size are never stored, so they are never stale.</summary>
public sealed class SegmentQueries(IDbContextFactory<PersonalizeDbContext> factory, IOptions<PagingOptions> paging)
{
    public static readonly FilterDefinition<Segment> Filter = new FilterDefinition<Segment>("SegmentFilterInput", "Conditions on segments, combined with AND; `and`/`or` nest.")
        .String("id", s => s.Slug, "The segment's id (slug).")
        .String("name", s => s.Name, "Display name.")
        .Enum("status", s => s.Status, "ACTIVE or ARCHIVED.")
        .Comparable("createdAt", s => s.CreatedAt, "When the segment was created.")
        .Comparable("updatedAt", s => s.UpdatedAt, "When the segment was last changed.");

    public static readonly SortDefinition<Segment> Sort = new SortDefinition<Segment>("SegmentSortInput", "One field to sort segments by.", s => s.Id)
        .Field("id", s => s.Slug, "The segment's id (slug).")
        .Field("name", s => s.Name, "Display name.")
        .Field("createdAt", s => s.CreatedAt, "When the segment was created.")
        .Field("updatedAt", s => s.UpdatedAt, "When the segment was last changed.");

    public Task<Connection<Segment>> ListAsync(IReadOnlyDictionary<string, object?>? where, IEnumerable<object?>? order, PageRequest page, CancellationToken cancellationToken) =>
        Connection<Segment>.ReadAsync(factory, db => db.Segments, Filter, where, Sort, order, page, paging.Value, cancellationToken);

    public async Task<IReadOnlyDictionary<string, Segment>> BySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Segments.Where(s => slugs.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, cancellationToken);
    }

    /// <summary>The customers a segment's rule selects, further filtered by <paramref name="where"/>.</summary>
    public Task<Connection<Customer>> CustomersAsync(Segment segment, IReadOnlyDictionary<string, object?>? where, IEnumerable<object?>? order, PageRequest page, CancellationToken cancellationToken)
    {
        var rule = Rule(segment);
        return Connection<Customer>.ReadAsync(factory, db => db.Customers.Where(rule), CustomerQueries.Filter, where, CustomerQueries.Sort, order, page, paging.Value, cancellationToken);
    }

    /// <summary>Which active segments each customer is in: one UNION ALL statement over all active segments.</summary>
    public async Task<ILookup<long, Segment>> MembershipsAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var segments = await db.Segments.Where(s => s.Status == SegmentStatus.Active).OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        if (segments.Count == 0) return Array.Empty<Segment>().ToLookup(_ => 0L);
        var pairs = await Union(segments, segment =>
        {
            var id = segment.Id;
            return db.Customers.Where(Rule(segment)).Where(c => customerIds.Contains(c.Id)).Select(c => new Membership { SegmentId = id, CustomerId = c.Id });
        }).ToListAsync(cancellationToken);
        var byId = segments.ToDictionary(s => s.Id);
        return pairs.OrderBy(p => segments.IndexOf(byId[p.SegmentId])).ToLookup(p => p.CustomerId, p => byId[p.SegmentId]);
    }

    /// <summary>How many customers each segment selects now: one statement for all the segments.</summary>
    public async Task<IReadOnlyDictionary<long, int>> SizesAsync(IReadOnlyCollection<Segment> segments, CancellationToken cancellationToken)
    {
        if (segments.Count == 0) return new Dictionary<long, int>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var counts = await Union(segments, segment =>
            {
                var id = segment.Id;
                return db.Customers.Where(Rule(segment)).Select(c => new Membership { SegmentId = id, CustomerId = c.Id });
            })
            .GroupBy(m => m.SegmentId).Select(g => new { SegmentId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return segments.ToDictionary(s => s.Id, s => counts.FirstOrDefault(c => c.SegmentId == s.Id)?.Count ?? 0);
    }

    /// <summary>A stored rule as a predicate. Rules are validated when saved, so a failure here is a bug, not bad input.</summary>
    public static Expression<Func<Customer, bool>> Rule(Segment segment) =>
        CustomerQueries.Filter.ToPredicate(FilterJson.Parse(segment.RuleJson), $"segment '{segment.Slug}' rule");

    private static IQueryable<Membership> Union(IEnumerable<Segment> segments, Func<Segment, IQueryable<Membership>> query) =>
        segments.Select(query).Aggregate((all, next) => all.Concat(next));

    // A class with settable properties (not a positional record) so EF Core can group and union on its members.
    private sealed class Membership
    {
        public long SegmentId { get; init; }
        public long CustomerId { get; init; }
    }
}
