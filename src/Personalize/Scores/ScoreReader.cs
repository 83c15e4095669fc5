using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Customers;
using Personalize.Data;

namespace Personalize.Scores;

/// <summary>
/// Reads current scores for many customers: one cache round trip, then the database for what the cache lacks — or
/// for everything when the cache is down or slow (callers get answers, not errors). Entries from an older snapshot
/// than the current one are treated as misses, so a recompute whose cache write failed half-way serves no stale mix.
/// </summary>
public sealed class ScoreReader(
    IDbContextFactory<PersonalizeDbContext> factory,
    ICustomerCache<CustomerScore> cache,
    ClvModelStore models,
    ILogger<ScoreReader> logger
)
{
    public async Task<IReadOnlyDictionary<long, CustomerScore>> GetManyAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var current = (await models.CurrentAsync(cancellationToken))?.Id;
        if (current is null)
            return new Dictionary<long, CustomerScore>();

        var found = new Dictionary<long, CustomerScore>();
        var cacheWorks = true;
        try
        {
            foreach (var (id, score) in await cache.GetManyAsync(customerIds, cancellationToken))
                if (score.SnapshotId >= current)
                    found[id] = score;
        }
        catch (CacheUnavailableException e)
        {
            cacheWorks = false;
            logger.LogDebug(e, "Score cache unavailable; reading {Count} scores from the database.", customerIds.Count);
        }

        var missing = customerIds.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count == 0)
            return found;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var fromDatabase = (
            await db
                .Customers.Where(c => missing.Contains(c.Id) && c.ScoreSnapshotId != null)
                .ToListAsync(cancellationToken)
        )
            .Select(CustomerScorer.ToCached)
            .OfType<CustomerScore>()
            .ToList();
        foreach (var score in fromDatabase)
            found[score.CustomerId] = score;
        if (cacheWorks && fromDatabase.Count > 0)
            _ = BackfillAsync(fromDatabase);
        return found;
    }

    /// <summary>
    /// Scores of customers whose rows are at hand: a row scored by the current snapshot is its own answer (a recompute
    /// writes the rows before the cache, and a rescore writes both), so only the others cost a cache round trip.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, CustomerScore>> GetManyAsync(
        IReadOnlyCollection<Customer> customers,
        CancellationToken cancellationToken
    )
    {
        var current = (await models.CurrentAsync(cancellationToken))?.Id;
        if (current is null)
            return new Dictionary<long, CustomerScore>();
        var found = new Dictionary<long, CustomerScore>(customers.Count);
        List<long>? stale = null;
        foreach (var customer in customers)
        {
            if (customer.ScoreSnapshotId >= current && CustomerScorer.ToCached(customer) is { } score)
                found[customer.Id] = score;
            else
                (stale ??= []).Add(customer.Id);
        }
        if (stale is null)
            return found;
        foreach (var (id, score) in await GetManyAsync(stale, cancellationToken))
            found[id] = score;
        return found;
    }

    // In the background: the caller has its answer and must not wait for the cache.
    private async Task BackfillAsync(IReadOnlyCollection<CustomerScore> scores)
    {
        try
        {
            await cache.SetManyAsync(scores, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not backfill the score cache.");
        }
    }
}
