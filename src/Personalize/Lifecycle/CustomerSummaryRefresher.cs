using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Lifecycle;

/// <summary>
/// Recomputes customers' order summaries (count, total, first/last order) from their orders, then their lifecycle
/// stage, set-based in SQL, recording each stage change (callers hold a transaction). Recording one order calls it for
/// one customer inside its transaction; bulk imports and the passing of time call it for everyone. Each change is also
/// a stage-changed event in the outbox, with the scores that moved it, in the same transaction.
/// </summary>
public sealed class CustomerSummaryRefresher(
    IDbContextFactory<PersonalizeDbContext> factory,
    LifecycleClassifier classifier,
    ILoyalClvThreshold loyalThreshold,
    CustomerNearCache nearCache,
    EventOutbox outbox,
    TimeProvider clock
)
{
    /// <param name="stagesAsOf">The date stages are judged at; default now.</param>
    /// <returns>How many customers changed stage.</returns>
    public async Task<int> RefreshAllAsync(DateTime? stagesAsOf = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefreshSummariesAsync(db, db.Customers, cancellationToken);
        var changed = await RefreshStagesAsync(db, db.Customers, stagesAsOf ?? Now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        nearCache.InvalidateAll();
        return changed;
    }

    /// <summary>Within the caller's transaction: the summaries of these customers from their orders.</summary>
    public Task RefreshSummariesAsync(
        PersonalizeDbContext db,
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    ) => RefreshSummariesAsync(db, db.Customers.Where(c => customerIds.Contains(c.Id)), cancellationToken);

    /// <summary>Within the caller's transaction: the stages of these customers, as of now.</summary>
    public Task<int> RefreshStagesAsync(
        PersonalizeDbContext db,
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    ) => RefreshStagesAsync(db, db.Customers.Where(c => customerIds.Contains(c.Id)), Now, cancellationToken);

    /// <summary>Within the caller's transaction: every customer's stage, with a snapshot's threshold not yet
    /// committed.</summary>
    public Task<int> RefreshStagesAsync(
        PersonalizeDbContext db,
        DateTime asOf,
        decimal loyalClvThreshold,
        CancellationToken cancellationToken
    ) => RefreshStagesAsync(db, db.Customers, asOf, cancellationToken, loyalClvThreshold);

    /// <summary>Moves customers whose stage the passing of time changed (e.g. ACTIVE to AT_RISK).</summary>
    public async Task<int> RefreshStagesAsync(DateTime asOf, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await RefreshStagesAsync(db, db.Customers, asOf, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changed > 0)
            nearCache.InvalidateAll();
        return changed;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Task RefreshSummariesAsync(
        PersonalizeDbContext db,
        IQueryable<Customer> customers,
        CancellationToken cancellationToken
    ) =>
        customers.ExecuteUpdateAsync(
            s =>
                s.SetProperty(c => c.OrderCount, c => db.Orders.Count(o => o.CustomerId == c.Id))
                    .SetProperty(
                        c => c.TotalSpent,
                        c => db.Orders.Where(o => o.CustomerId == c.Id).Sum(o => (decimal?)o.Amount) ?? 0m
                    )
                    .SetProperty(
                        c => c.FirstOrderAt,
                        c => db.Orders.Where(o => o.CustomerId == c.Id).Min(o => (DateTime?)o.OrderedAt)
                    )
                    .SetProperty(
                        c => c.LastOrderAt,
                        c => db.Orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt)
                    ),
            cancellationToken
        );

    private async Task<int> RefreshStagesAsync(
        PersonalizeDbContext db,
        IQueryable<Customer> customers,
        DateTime asOf,
        CancellationToken cancellationToken,
        decimal? loyalClvThreshold = null
    )
    {
        var threshold = loyalClvThreshold ?? await loyalThreshold.CurrentAsync(cancellationToken);
        var stage = classifier.StageAsOf(asOf, threshold);
        var customer = stage.Parameters[0];
        var current = Expression.Property(customer, nameof(Customer.Stage));
        // The rule is spliced into the queries, so both the comparison and the new stage are computed in SQL.
        var differs = Expression.Lambda<Func<Customer, bool>>(Expression.NotEqual(current, stage.Body), customer);
        var change = Expression.Lambda<Func<Customer, StageChange>>(
            Expression.MemberInit(
                Expression.New(typeof(StageChange)),
                Expression.Bind(
                    typeof(StageChange).GetProperty(nameof(StageChange.CustomerId))!,
                    Expression.Property(customer, nameof(Customer.Id))
                ),
                Expression.Bind(
                    typeof(StageChange).GetProperty(nameof(StageChange.From))!,
                    Expression.Convert(current, typeof(LifecycleStage?))
                ),
                Expression.Bind(typeof(StageChange).GetProperty(nameof(StageChange.To))!, stage.Body)
            ),
            customer
        );

        var changes = await customers.Where(differs).Select(change).ToListAsync(cancellationToken);
        if (changes.Count == 0)
            return 0;
        foreach (var item in changes)
            item.ChangedAt = asOf;
        await db.Database.OpenConnectionAsync(cancellationToken);
        using (var bulk = new BulkInserter(db))
            bulk.Insert(changes, readGeneratedKeys: false);
        await customers
            .Where(differs)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Stage, stage).SetProperty(c => c.StageChangedAt, asOf),
                cancellationToken
            );
        await AppendEventsAsync(db, changes, asOf, cancellationToken);
        return changes.Count;
    }

    private async Task AppendEventsAsync(
        PersonalizeDbContext db,
        List<StageChange> changes,
        DateTime asOf,
        CancellationToken cancellationToken
    )
    {
        var ids = changes.Select(c => c.CustomerId).ToList();
        var scores = await db
            .Customers.Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.ProbabilityAlive,
                c.PredictedClv,
                c.LastOrderAt,
                c.OrderCount,
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        await outbox.AppendAsync(
            db,
            changes
                .Select(change =>
                {
                    var s = scores[change.CustomerId];
                    return new NewEvent(
                        change.CustomerId,
                        CustomerEventType.StageChanged,
                        asOf,
                        new
                        {
                            from = change.From,
                            to = change.To,
                            probabilityAlive = s.ProbabilityAlive,
                            predictedClv = s.PredictedClv,
                            orderCount = s.OrderCount,
                            daysSinceLastOrder = s.LastOrderAt is { } last ? (int?)(asOf - last).TotalDays : null,
                        }
                    );
                })
                .ToList(),
            cancellationToken
        );
    }
}
