using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Data;
using Personalize.Scores;

namespace Personalize.Recommendations.Serving;

/// <summary>
/// Reads candidate lists for many customers: from the near cache, else one candidate-cache round trip, then one
/// statement for what that cache lacks — or for everything when it is down or slow — and backfills it. A list from a
/// model older than <paramref name="minimumVersion"/> counts as a miss in the caches; the database's list is the answer
/// whatever its version.
/// </summary>
public sealed class CandidateReader(
    IDbContextFactory<PersonalizeDbContext> factory,
    ICustomerCache<CandidateList> cache,
    CustomerNearCache nearCache,
    ILogger<CandidateReader> logger
)
{
    private static readonly CustomerFact<CandidateList?> CandidatesFact = new("recommendation candidates");

    public async Task<IReadOnlyDictionary<long, CandidateList>> GetManyAsync(
        IReadOnlyCollection<long> customerIds,
        long minimumVersion,
        CancellationToken cancellationToken
    )
    {
        var lists = await nearCache.GetManyAsync(
            customerIds,
            CandidatesFact,
            null,
            (missing, ct) => ReadAsync(missing, minimumVersion, ct),
            cancellationToken,
            isCurrent: list => list is null || list.ModelVersion >= minimumVersion
        );
        var found = new Dictionary<long, CandidateList>(lists.Count);
        foreach (var (id, list) in lists)
            if (list is not null)
                found[id] = list;
        return found;
    }

    private async Task<IReadOnlyDictionary<long, CandidateList?>> ReadAsync(
        IReadOnlyCollection<long> customerIds,
        long minimumVersion,
        CancellationToken cancellationToken
    )
    {
        var found = new Dictionary<long, CandidateList?>();
        if (customerIds.Count == 0)
            return found;
        var cacheWorks = true;
        try
        {
            foreach (var (id, list) in await cache.GetManyAsync(customerIds, cancellationToken))
                if (list.ModelVersion >= minimumVersion)
                    found[id] = list;
        }
        catch (CacheUnavailableException e)
        {
            cacheWorks = false;
            logger.LogDebug(
                e,
                "Candidate cache unavailable; reading {Count} lists from the database.",
                customerIds.Count
            );
        }

        var missing = customerIds.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count == 0)
            return found;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db
            .CustomerCandidates.Where(c => missing.Contains(c.CustomerId))
            .ToListAsync(cancellationToken);
        var fromDatabase = new Dictionary<long, CandidateList>();
        foreach (var row in rows)
            if (CandidateCodec.TryDecode(row.Candidates, out var list))
                fromDatabase[row.CustomerId] = found[row.CustomerId] = list!;
        if (cacheWorks && fromDatabase.Count > 0)
        {
            try
            {
                await cache.SetManyAsync(fromDatabase, cancellationToken);
            }
            catch (CacheUnavailableException e)
            {
                logger.LogDebug(e, "Could not backfill the candidate cache.");
            }
        }
        return found;
    }
}
