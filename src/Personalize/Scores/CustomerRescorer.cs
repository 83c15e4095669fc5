using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Data;
using Personalize.Lifetime;

namespace Personalize.Scores;

/// <summary>
/// Re-scores single customers at once when their history changes (a new order), from the current snapshot's fitted
/// models — no refit — and keeps the score cache in step.
/// </summary>
public sealed class CustomerRescorer(
    ClvModelStore models,
    CustomerScorer scorer,
    ICustomerCache<CustomerScore> cache,
    TimeProvider clock,
    ILogger<CustomerRescorer> logger
)
{
    /// <summary>Within the caller's transaction: the customer's current-score columns, as of now.</summary>
    /// <returns>False when there is no fitted model yet, or the customer has no order.</returns>
    public async Task<bool> RescoreAsync(PersonalizeDbContext db, long customerId, CancellationToken cancellationToken)
    {
        if (await models.CurrentAsync(cancellationToken) is not { } snapshot)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var orders = await db
            .Orders.Where(o => o.CustomerId == customerId)
            .Select(o => new CustomerTransaction(o.OrderedAt, o.Amount, o.Margin))
            .ToListAsync(cancellationToken);
        if (
            CustomerStatistics.FromTransactions(orders, DateOnly.FromDateTime(now), snapshot.TimeUnit)
            is not { } statistics
        )
            return false;

        var rfm = RfmBoundaries.Parse(snapshot.RfmBoundaries).Score(RfmInput.FromStatistics(statistics));
        var score = scorer.Score(customerId, statistics, snapshot, rfm);
        var customer = await db.Customers.AsTracking().FirstAsync(c => c.Id == customerId, cancellationToken);
        CustomerScorer.Apply(customer, score, snapshot, now);
        customer.ScoresAsOf = now.Date;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>After the transaction committed: the cache gets the customers' new scores (or loses them, if it cannot
    /// take them).</summary>
    public async Task PublishAsync(
        IDbContextFactory<PersonalizeDbContext> factory,
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scores = (await db.Customers.Where(c => customerIds.Contains(c.Id)).ToListAsync(cancellationToken))
            .Select(CustomerScorer.ToCached)
            .OfType<CustomerScore>()
            .ToList();
        try
        {
            if (scores.Count > 0)
                await cache.SetManyAsync(scores, cancellationToken);
        }
        catch (CacheUnavailableException e)
        {
            logger.LogWarning(
                e,
                "Could not update the score cache for {Count} customers; it may serve their previous "
                    + "scores until the next recompute.",
                scores.Count
            );
        }
    }
}
