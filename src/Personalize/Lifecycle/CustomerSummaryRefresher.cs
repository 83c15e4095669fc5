using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;

namespace Personalize.Lifecycle;

/// <summary>
/// Recomputes customers' order summaries (count, total, first/last order) from their orders, then their lifecycle
/// stage, in two set-based statements. Recording one order calls it for one customer inside its transaction;
/// bulk imports and the passing of time call it for everyone.
/// </summary>
public sealed class CustomerSummaryRefresher(IDbContextFactory<PersonalizeDbContext> factory, LifecycleClassifier classifier, TimeProvider clock)
{
    /// <param name="stagesAsOf">The date stages are judged at; default now.</param>
    /// <returns>How many customers changed stage.</returns>
    public async Task<int> RefreshAllAsync(DateTime? stagesAsOf = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RefreshAsync(db, null, cancellationToken, stagesAsOf);
    }

    /// <param name="customerIds">Null for every customer.</param>
    /// <returns>How many customers changed stage.</returns>
    public async Task<int> RefreshAsync(PersonalizeDbContext db, IReadOnlyCollection<long>? customerIds, CancellationToken cancellationToken, DateTime? stagesAsOf = null)
    {
        var customers = customerIds is null ? db.Customers : db.Customers.Where(c => customerIds.Contains(c.Id));
        await customers.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OrderCount, c => c.Orders.Count())
            .SetProperty(c => c.TotalSpent, c => c.Orders.Sum(o => (decimal?)o.Amount) ?? 0m)
            .SetProperty(c => c.FirstOrderAt, c => c.Orders.Min(o => (DateTime?)o.OrderedAt))
            .SetProperty(c => c.LastOrderAt, c => c.Orders.Max(o => (DateTime?)o.OrderedAt)), cancellationToken);
        return await RefreshStagesAsync(customers, stagesAsOf ?? clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>Moves customers whose stage the passing of time changed (e.g. ACTIVE to AT_RISK).</summary>
    public async Task<int> RefreshStagesAsync(DateTime asOf, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RefreshStagesAsync(db.Customers, asOf, cancellationToken);
    }

    private async Task<int> RefreshStagesAsync(IQueryable<Customer> customers, DateTime asOf, CancellationToken cancellationToken)
    {
        var stage = classifier.StageAsOf(asOf);
        // "The stored stage differs from the rule", with the rule spliced in so that it runs in SQL.
        var differs = Expression.Lambda<Func<Customer, bool>>(
            Expression.NotEqual(Expression.Property(stage.Parameters[0], nameof(Customer.Stage)), stage.Body), stage.Parameters[0]);
        return await customers.Where(differs).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Stage, stage)
            .SetProperty(c => c.StageChangedAt, asOf), cancellationToken);
    }
}
