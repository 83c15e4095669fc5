using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Segments;

/// <summary>
/// Reading segments and evaluating their rules in SQL: membership and size are never stored, so they are never stale
/// (the list of active segments is reused for <see cref="ReferenceDataOptions.RefreshSeconds"/>).
/// </summary>
public sealed class SegmentQueries
{
    private const int SegmentsPerQuery = 62;

    private readonly IDbContextFactory<PersonalizeDbContext> _factory;
    private readonly IOptions<PagingOptions> _paging;
    private readonly CustomerNearCache _nearCache;
    private readonly ReferenceDataCache<ActiveSegments> _active;
    private ActiveSegments? _lastLoaded;

    /// <summary>A customer's membership bits, one mask per query, valid for the active rules they were computed
    /// under.</summary>
    private sealed record Masks(string Rules, long[] PerQuery);

    private static readonly CustomerFact<Masks?> MembershipFact = new("segment memberships");

    public SegmentQueries(
        IDbContextFactory<PersonalizeDbContext> factory,
        IOptions<PagingOptions> paging,
        IOptions<ReferenceDataOptions> referenceData,
        CustomerNearCache nearCache
    )
    {
        (_factory, _paging, _nearCache) = (factory, paging, nearCache);
        _active = new ReferenceDataCache<ActiveSegments>(LoadActiveAsync, referenceData.Value.MaxAge);
    }

    public static readonly FilterDefinition<Segment> Filter = new FilterDefinition<Segment>(
        "SegmentFilterInput",
        "Conditions on segments, combined with AND; `and`/`or` nest."
    )
        .String("id", s => s.Slug, "The segment's id (slug).")
        .String("name", s => s.Name, "Display name.")
        .Enum("status", s => s.Status, "ACTIVE or ARCHIVED.")
        .Comparable("createdAt", s => s.CreatedAt, "When the segment was created.")
        .Comparable("updatedAt", s => s.UpdatedAt, "When the segment was last changed.");

    public static readonly SortDefinition<Segment> Sort = new SortDefinition<Segment>(
        "SegmentSortInput",
        "One field to sort segments by.",
        s => s.Id
    )
        .Field("id", s => s.Slug, "The segment's id (slug).")
        .Field("name", s => s.Name, "Display name.")
        .Field("createdAt", s => s.CreatedAt, "When the segment was created.")
        .Field("updatedAt", s => s.UpdatedAt, "When the segment was last changed.");

    public Task<Connection<Segment>> ListAsync(
        IReadOnlyDictionary<string, object?>? where,
        IEnumerable<object?>? order,
        PageRequest page,
        CancellationToken cancellationToken
    ) =>
        Connection<Segment>.ReadAsync(
            _factory,
            db => db.Segments,
            Filter,
            where,
            Sort,
            order,
            page,
            _paging.Value,
            cancellationToken
        );

    public async Task<IReadOnlyDictionary<string, Segment>> BySlugsAsync(
        IReadOnlyCollection<string> slugs,
        CancellationToken cancellationToken
    )
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        return await db.Segments.Where(s => slugs.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, cancellationToken);
    }

    /// <summary>The customers a segment's rule selects, further filtered by <paramref name="where"/>.</summary>
    public Task<Connection<Customer>> CustomersAsync(
        Segment segment,
        IReadOnlyDictionary<string, object?>? where,
        IEnumerable<object?>? order,
        PageRequest page,
        CancellationToken cancellationToken
    )
    {
        var rule = Rule(segment);
        return Connection<Customer>.ReadAsync(
            _factory,
            db => db.Customers.Where(rule),
            CustomerQueries.Filter,
            where,
            CustomerQueries.Sort,
            order,
            page,
            _paging.Value,
            cancellationToken
        );
    }

    /// <summary>
    /// Which active segments each customer is in: from the near cache, else one statement per 62 active segments,
    /// compiled once per set of active segments (see <see cref="ActiveSegments"/>), with the customers' ids as its only
    /// parameter.
    /// </summary>
    public async Task<ILookup<long, Segment>> MembershipsAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var active = await _active.GetAsync(cancellationToken);
        var memberships = new List<(long CustomerId, Segment Segment)>();
        if (customerIds.Count == 0 || active.Segments.Count == 0)
            return memberships.ToLookup(m => m.CustomerId, m => m.Segment);
        var masks = await _nearCache.GetManyAsync(
            customerIds,
            MembershipFact,
            null,
            (ids, ct) => LoadMasksAsync(active, ids, ct),
            cancellationToken,
            isCurrent: m => m is null || m.Rules == active.Rules
        );
        foreach (var (customerId, customerMasks) in masks)
        {
            if (customerMasks is null)
                continue;
            for (var query = 0; query < customerMasks.PerQuery.Length; query++)
            for (var bit = 0; bit < SegmentsPerQuery; bit++)
                if ((customerMasks.PerQuery[query] & (1L << bit)) != 0)
                    memberships.Add((customerId, active.Segments[query * SegmentsPerQuery + bit]));
        }
        // Queries and bits follow the segments' order, so each customer's segments are in display order.
        return memberships.ToLookup(m => m.CustomerId, m => m.Segment);
    }

    private async Task<IReadOnlyDictionary<long, Masks?>> LoadMasksAsync(
        ActiveSegments active,
        List<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var masks = new Dictionary<long, Masks?>(customerIds.Count);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        for (var query = 0; query < active.Queries.Length; query++)
        {
            await foreach (var row in active.Queries[query](db, [.. customerIds]).WithCancellation(cancellationToken))
            {
                if (!masks.TryGetValue(row.CustomerId, out var found))
                    masks[row.CustomerId] = found = new Masks(active.Rules, new long[active.Queries.Length]);
                found!.PerQuery[query] = row.Mask;
            }
        }
        return masks;
    }

    /// <summary>A segment was created, changed or archived in this process.</summary>
    public void Changed() => _active.Invalidate();

    /// <summary>How many customers each segment selects now: one statement for all the segments.</summary>
    public async Task<IReadOnlyDictionary<long, int>> SizesAsync(
        IReadOnlyCollection<Segment> segments,
        CancellationToken cancellationToken
    )
    {
        if (segments.Count == 0)
            return new Dictionary<long, int>();
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var counts = await Union(segments, segment =>
            {
                var id = segment.Id;
                return db
                    .Customers.Where(Rule(segment))
                    .Select(c => new Membership { SegmentId = id, CustomerId = c.Id });
            })
            .GroupBy(m => m.SegmentId)
            .Select(g => new { SegmentId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return segments.ToDictionary(s => s.Id, s => counts.FirstOrDefault(c => c.SegmentId == s.Id)?.Count ?? 0);
    }

    /// <summary>A stored rule as a predicate. Rules are validated when saved, so a failure here is a bug, not bad
    /// input.</summary>
    public static Expression<Func<Customer, bool>> Rule(Segment segment) =>
        CustomerQueries.Filter.ToPredicate(FilterJson.Parse(segment.RuleJson), $"segment '{segment.Slug}' rule");

    private static IQueryable<Membership> Union(
        IEnumerable<Segment> segments,
        Func<Segment, IQueryable<Membership>> query
    ) => segments.Select(query).Aggregate((all, next) => all.Concat(next));

    // A class with settable properties (not a positional record) so EF Core can group and union on its members.
    private sealed class Membership
    {
        public long SegmentId { get; init; }
        public long CustomerId { get; init; }
    }

    /// <summary>The active segments in display order, and the compiled membership queries over them.</summary>
    /// <param name="Rules">What the queries were compiled from: a reload that finds the same rules keeps them.</param>
    private sealed record ActiveSegments(
        IReadOnlyList<Segment> Segments,
        string Rules,
        Func<PersonalizeDbContext, long[], IAsyncEnumerable<SegmentMask>>[] Queries
    );

    private async Task<ActiveSegments> LoadActiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var segments = await db
            .Segments.Where(s => s.Status == SegmentStatus.Active)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var rules = string.Join('\n', segments.Select(s => $"{s.Id} {s.RuleJson}"));
        var queries =
            _lastLoaded is { } previous && previous.Rules == rules
                ? previous.Queries
                : segments.Chunk(SegmentsPerQuery).Select(MembershipQuery).ToArray();
        return _lastLoaded = new ActiveSegments(segments, rules, queries);
    }

    /// <summary>
    /// <c>SELECT Id, (CASE WHEN rule0 THEN 1 ELSE 0 END) + (CASE WHEN rule1 THEN 2 ELSE 0 END) + ... FROM Customers
    /// WHERE Id IN (ids)</c>: bit i of the mask says whether the customer is in the i-th segment. Each rule is the very
    /// predicate the `customers` connection uses, so membership means the same in both.
    /// </summary>
    public static Func<PersonalizeDbContext, long[], IAsyncEnumerable<SegmentMask>> MembershipQuery(
        IReadOnlyList<Segment> segments
    )
    {
        Expression<Func<PersonalizeDbContext, long[], IQueryable<SegmentMask>>> template = (db, ids) =>
            db
                .Customers.Where(c => ids.Contains(c.Id))
                .Select(c => new SegmentMask { CustomerId = c.Id, Mask = MaskOf(c) });
        return EF.CompileAsyncQuery(
            (Expression<Func<PersonalizeDbContext, long[], IQueryable<SegmentMask>>>)
                new MaskInliner(segments).Visit(template)
        );
    }

    private static long MaskOf(Customer customer) =>
        throw new InvalidOperationException(
            "A placeholder, replaced by the segments' rules before the query is compiled."
        );

    /// <summary>Replaces <see cref="MaskOf"/>(c) with the sum of one CASE per segment rule, on c.</summary>
    private sealed class MaskInliner(IReadOnlyList<Segment> segments) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name != nameof(MaskOf) || node.Method.DeclaringType != typeof(SegmentQueries))
                return base.VisitMethodCall(node);
            var customer = node.Arguments[0];
            return segments
                .Select(
                    (segment, bit) =>
                    {
                        var rule = Rule(segment);
                        return (Expression)
                            Expression.Condition(
                                new ParameterReplacer(rule.Parameters[0], customer).Visit(rule.Body),
                                Expression.Constant(1L << bit),
                                Expression.Constant(0L)
                            );
                    }
                )
                .Aggregate(Expression.Add);
        }
    }

    /// <summary>A customer and the segments they are in, as bits in the order the query was built with.</summary>
    public sealed class SegmentMask
    {
        public long CustomerId { get; init; }
        public long Mask { get; init; }
    }
}
