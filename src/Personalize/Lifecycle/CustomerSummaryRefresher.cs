using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Lifecycle;

/// <summary>
/// Recomputes every customer's order summary (count, total, first/last order) and lifecycle stage in the database,
/// in two set-based statements. Used after bulk imports and when time alone moves customers between stages.
/// </summary>
public sealed class CustomerSummaryRefresher(IDbContextFactory<PersonalizeDbContext> factory, LifecycleClassifier classifier, TimeProvider clock)
{
    public async Task RefreshSummariesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Customers.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OrderCount, c => c.Orders.Count())
            .SetProperty(c => c.TotalSpent, c => c.Orders.Sum(o => (decimal?)o.Amount) ?? 0m)
            .SetProperty(c => c.FirstOrderAt, c => c.Orders.Min(o => (DateTime?)o.OrderedAt))
            .SetProperty(c => c.LastOrderAt, c => c.Orders.Max(o => (DateTime?)o.OrderedAt)), cancellationToken);
    }

    /// <returns>How many customers changed stage.</returns>
    public async Task<int> RefreshStagesAsync(DateTime? asOf = null, CancellationToken cancellationToken = default)
    {
        var now = asOf ?? clock.GetUtcNow().UtcDateTime;
        var stage = classifier.StageAsOf(now);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // "Where the stored stage differs from the rule" is written with the rule spliced in, so it runs in SQL.
        var differs = System.Linq.Expressions.Expression.Lambda<Func<Customers.Customer, bool>>(
            System.Linq.Expressions.Expression.NotEqual(
                System.Linq.Expressions.Expression.Property(stage.Parameters[0], nameof(Customers.Customer.Stage)), stage.Body),
            stage.Parameters[0]);
        return await db.Customers.Where(differs).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Stage, stage)
            .SetProperty(c => c.StageChangedAt, now), cancellationToken);
    }
}
