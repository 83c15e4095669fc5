using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Data;
using Personalize.Scores;

namespace Personalize.Recommendations.Serving;

/// <summary>
/// Reads candidate lists for many customers: one cache round trip, then one statement for what the cache lacks — or
/// for everything when the cache is down or slow — and backfills the cache. A list from a model older than
/// <paramref name="minimumVersion"/> counts as a miss.
/// </summary>
public sealed class CandidateReader(IDbContextFactory<PersonalizeDbContext> factory, ICandidateCache cache, ILogger<CandidateReader> logger)
{
    public async Task<IReadOnlyDictionary<long, CandidateList>> GetManyAsync(IReadOnlyCollection<long> customerIds, long minimumVersion,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, CandidateList>();
        if (customerIds.Count == 0) return found;
        var cacheWorks = true;
        try
        {
            foreach (var (id, list) in await cache.GetManyAsync(customerIds, cancellationToken))
                if (list.ModelVersion >= minimumVersion) found[id] = list;
        }
        catch (ScoreCacheUnavailableException e)
        {
            cacheWorks = false;
            logger.LogDebug(e, "Candidate cache unavailable; reading {Count} lists from the database.", customerIds.Count);
        }

        var missing = customerIds.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count == 0) return found;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CustomerCandidates.Where(c => missing.Contains(c.CustomerId)).ToListAsync(cancellationToken);
        var fromDatabase = new Dictionary<long, CandidateList>();
        foreach (var row in rows)
            if (CandidateCodec.TryDecode(row.Candidates, out var list)) fromDatabase[row.CustomerId] = found[row.CustomerId] = list!;
        if (cacheWorks && fromDatabase.Count > 0)
        {
            try
            {
                await cache.SetManyAsync(fromDatabase, cancellationToken);
            }
            catch (ScoreCacheUnavailableException e)
            {
                logger.LogDebug(e, "Could not backfill the candidate cache.");
            }
        }
        return found;
    }
}
