using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Experiments;

namespace Personalize.Seeding;

/// <summary>
/// The demo store's experiment: a win-back test that ran over the last two months of the generated history. Customers
/// are split by the real assignment hash and converted when they really ordered after their exposure, so the results
/// are what an experiment with no true effect looks like — a fair picture of noise, not a made-up winner.
/// </summary>
public sealed class DemoExperimentSeeder(
    ExperimentService experiments,
    RunningExperiments running,
    IDbContextFactory<PersonalizeDbContext> factory,
    Privacy.KeyedHash keys
)
{
    public const string Key = "winback-shipping-vs-discount";
    private const int ExposedCustomers = 1_500;

    /// <param name="exposedCustomers">How many win-back candidates are exposed (the demo store: 1,500; a benchmark store: more).</param>
    public async Task SeedAsync(
        DateTime anchor,
        CancellationToken cancellationToken,
        int exposedCustomers = ExposedCustomers
    )
    {
        var created = await experiments.CreateAsync(
            new ExperimentInput(
                Key,
                "Win-back: free shipping or 25 % off?",
                "Customers who had not ordered for a while were shown either free shipping (control) or 25 % off; 10 % "
                    + "saw neither. Demo data: the arms differ only by chance.",
                ExperimentSubject.Offer,
                0.1,
                [
                    new VariantInput("free-shipping", "Free shipping", 1, IsControl: true, Offer: "WINBACK-SHIP"),
                    new VariantInput("quarter-off", "25 % off", 1, Offer: "WINBACK25"),
                ],
                AttributionWindowDays: 30
            ),
            cancellationToken
        );
        if (!created.Succeeded)
            throw new InvalidOperationException($"The demo experiment is invalid: {string.Join("; ", created.Errors)}");
        var experiment = created.Value!;
        var startedAt = anchor.AddDays(-60);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Exposed: customers whose last order before the start was more than 90 days earlier, the oldest-silent first.
        var candidates = await db
            .Orders.Where(o => o.OrderedAt < startedAt)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, LastOrderAt = g.Max(o => o.OrderedAt) })
            .Where(c => c.LastOrderAt < startedAt.AddDays(-90))
            .OrderBy(c => c.CustomerId)
            .Take(exposedCustomers)
            .Join(db.Customers, c => c.CustomerId, c => c.Id, (c, customer) => new { customer.Id, customer.ExternalId })
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var firstOrderAfter = await db
            .Orders.Where(o => ids.Contains(o.CustomerId) && o.OrderedAt >= startedAt && o.OrderedAt < anchor)
            .GroupBy(o => o.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                At = g.Min(o => o.OrderedAt),
                Amount = g.OrderBy(o => o.OrderedAt).Select(o => o.Amount).First(),
            })
            .ToDictionaryAsync(o => o.CustomerId, cancellationToken);

        for (var i = 0; i < candidates.Count; i++)
        {
            var customer = candidates[i];
            var variantId = VariantAssigner.Assign(experiment, customer.ExternalId)?.Id;
            var exposedAt = startedAt.AddMinutes(i * 7); // spread over the first week
            db.ExperimentExposures.Add(
                new ExperimentExposure
                {
                    ExperimentId = experiment.Id,
                    CustomerId = customer.Id,
                    VariantId = variantId,
                    ExposedAt = exposedAt,
                }
            );
            if (firstOrderAfter.TryGetValue(customer.Id, out var order) && order.At >= exposedAt)
                db.ExperimentConversions.Add(
                    new ExperimentConversion
                    {
                        ExperimentId = experiment.Id,
                        CustomerId = customer.Id,
                        VariantId = variantId,
                        Value = order.Amount,
                        ConvertedAt = order.At,
                        IdempotencyKey = keys.IdempotencyKey($"demo-{customer.ExternalId}"),
                    }
                );
        }
        await db
            .Experiments.Where(e => e.Id == experiment.Id)
            .ExecuteUpdateAsync(
                e => e.SetProperty(x => x.Status, ExperimentStatus.Running).SetProperty(x => x.StartedAt, startedAt),
                cancellationToken
            );
        await db.SaveChangesAsync(cancellationToken);
        running.Changed();
    }
}
