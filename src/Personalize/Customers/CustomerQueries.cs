using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Customers;

/// <summary>Reading customers: the filter and sort the API offers, and lookups by the caller's ids.</summary>
public sealed class CustomerQueries(
    IDbContextFactory<PersonalizeDbContext> factory,
    Microsoft.Extensions.Options.IOptions<PagingOptions> paging,
    CustomerNearCache nearCache
)
{
    public static readonly FilterDefinition<Customer> Filter = new FilterDefinition<Customer>(
        "CustomerFilterInput",
        "Conditions on customers, combined with AND; `and`/`or` nest. The same input is a segment's rule."
    )
        .String("id", c => c.ExternalId, "The caller's own customer id.")
        .String("email", c => c.Email, "Email address (stored in lower case).")
        .String("name", c => c.Name, "Full name.")
        .String("country", c => c.Country, "ISO 3166-1 alpha-2 country code, upper case.")
        .String("locale", c => c.Locale, "BCP 47 locale, e.g. fr-FR.")
        .Comparable("createdAt", c => c.CreatedAt, "When the customer was first recorded.")
        .Comparable(
            "firstSeenAt",
            c => c.FirstSeenAt,
            "When the customer was first seen (earliest order or interaction)."
        )
        .Boolean(
            "consentPersonalization",
            c => c.ConsentPersonalization,
            "Whether the customer agreed to personalization."
        )
        .Boolean(
            "consentEmailMarketing",
            c => c.ConsentEmailMarketing,
            "Whether the customer agreed to marketing emails."
        )
        .Comparable("orderCount", c => c.OrderCount, "Number of orders recorded.")
        .Comparable("totalSpent", c => c.TotalSpent, "Sum of all order amounts.")
        .Comparable("firstOrderAt", c => c.FirstOrderAt, "Time of the first order; null for prospects.")
        .Comparable("lastOrderAt", c => c.LastOrderAt, "Time of the latest order; null for prospects.")
        .Enum("lifecycleStage", c => c.Stage, "Current lifecycle stage.")
        .Comparable(
            "predictedClv",
            c => c.PredictedClv,
            "Predicted, discounted lifetime value over the scoring horizon (null until scored)."
        )
        .Comparable(
            "historicalClv",
            c => c.HistoricalClv,
            "Historical lifetime value: average order value × purchases per year × years of relationship."
        )
        .Comparable(
            "probabilityAlive",
            c => c.ProbabilityAlive,
            "BG/NBD probability that the customer is still active (0-1)."
        )
        .Comparable("expectedPurchases", c => c.ExpectedPurchases, "Purchases expected over the scoring horizon.")
        .Comparable("rfmScore", c => c.RfmScore, "RFM cell R×100 + F×10 + M, e.g. 555 for the best.")
        .Comparable("rfmRecency", c => c.RfmRecency, "RFM recency quintile, 5 = most recent.")
        .Comparable("rfmFrequency", c => c.RfmFrequency, "RFM frequency quintile, 5 = most orders.")
        .Comparable("rfmMonetary", c => c.RfmMonetary, "RFM monetary quintile, 5 = most spent.");

    public static readonly SortDefinition<Customer> Sort = new SortDefinition<Customer>(
        "CustomerSortInput",
        "One field to sort customers by; list several to sort by several. Ties are broken by an internal id.",
        c => c.Id
    )
        .Field("id", c => c.ExternalId, "The caller's own customer id.")
        .Field("email", c => c.Email, "Email address.")
        .Field("name", c => c.Name, "Full name.")
        .Field("country", c => c.Country, "Country code.")
        .Field("createdAt", c => c.CreatedAt, "When the customer was first recorded.")
        .Field("orderCount", c => c.OrderCount, "Number of orders.")
        .Field("totalSpent", c => c.TotalSpent, "Sum of all order amounts.")
        .Field(
            "lastOrderAt",
            c => c.LastOrderAt,
            "Time of the latest order (customers without orders first when ascending)."
        )
        .Field(
            "lifecycleStage",
            c => c.Stage,
            "Lifecycle stage, in the order PROSPECT, NEW, ACTIVE, AT_RISK, LAPSED, LOYAL."
        )
        .Field(
            "predictedClv",
            c => c.PredictedClv,
            "Predicted lifetime value (unscored customers first when ascending)."
        )
        .Field("probabilityAlive", c => c.ProbabilityAlive, "Probability that the customer is still active.")
        .Field("rfmScore", c => c.RfmScore, "RFM cell.");

    public Task<Connection<Customer>> ListAsync(
        IReadOnlyDictionary<string, object?>? where,
        IEnumerable<object?>? order,
        PageRequest page,
        CancellationToken cancellationToken
    ) =>
        Connection<Customer>.ReadAsync(
            factory,
            db => db.Customers,
            Filter,
            where,
            Sort,
            order,
            page,
            paging.Value,
            cancellationToken
        );

    private static readonly CompiledQuery<
        Func<PersonalizeDbContext, string[], IAsyncEnumerable<Customer>>
    > WithExternalIds = new(() =>
        EF.CompileAsyncQuery(
            (PersonalizeDbContext db, string[] ids) => db.Customers.Where(c => ids.Contains(c.ExternalId))
        )
    );

    /// <summary>The customer's row in the near cache, found by the caller's id (the storefront's key).</summary>
    private static readonly CustomerFact<Customer> Row = new("customer row");

    /// <summary>Customers by the caller's ids, through the near cache; unknown ids are absent.</summary>
    public Task<IReadOnlyDictionary<string, Customer>> ByExternalIdsAsync(
        IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken
    ) => nearCache.GetByExternalIdsAsync(ids, Row, c => c.Id, LoadByExternalIdsAsync, cancellationToken);

    /// <summary>At most this many ids in one <see cref="InOrderAsync"/>.</summary>
    public const int MaxIds = 5000;

    /// <summary>Customers by the caller's ids, in the order given; null where an id is unknown.</summary>
    /// <exception cref="QueryException">More than <see cref="MaxIds"/> ids.</exception>
    public async Task<IReadOnlyList<Customer?>> InOrderAsync(
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken
    )
    {
        if (ids.Count > MaxIds)
            throw new QueryException("ids", $"at most {MaxIds} per request; got {ids.Count}.");
        var found = await ByExternalIdsAsync(ids, cancellationToken);
        return ids.Select(id => found.GetValueOrDefault(id)).ToList();
    }

    private async Task<IReadOnlyDictionary<string, Customer>> LoadByExternalIdsAsync(
        List<string> ids,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = new Dictionary<string, Customer>(ids.Count);
        await foreach (var customer in WithExternalIds.For(db)(db, [.. ids]).WithCancellation(cancellationToken))
            found[customer.ExternalId] = customer;
        return found;
    }

    /// <summary>The caller's ids of customers known by their stored ids (an erased customer's is the anonymous
    /// one).</summary>
    public async Task<IReadOnlyDictionary<long, string>> ExternalIdsAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db
            .Customers.Where(c => customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.ExternalId, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<LifecycleStage, int>> CountByStageAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var counts = await db
            .Customers.GroupBy(c => c.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<LifecycleStage>()
            .ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Stage == s)?.Count ?? 0);
    }
}
