using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Recommendations;

/// <summary>Streams the stored interactions and orders before a date into a <see cref="SignalLog"/>.</summary>
public sealed class SignalLogReader(IDbContextFactory<PersonalizeDbContext> factory)
{
    private const int ProgressEvery = 50_000;

    /// <param name="progress">Receives the number of signals read so far.</param>
    public async Task<SignalLog> ReadAsync(
        DateTime until,
        SignalWeights weights,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var builder = new SignalLog.Builder();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        var items = db
            .ContentItems.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Kind,
                c.CreatedAt,
            })
            .AsAsyncEnumerable();
        await foreach (var item in items.WithCancellation(cancellationToken))
            builder.AddItem(item.Id, item.Kind, item.CreatedAt);

        // Erased customers have no interactions left; their orders stay for revenue figures but train nothing.
        var orders = db
            .Orders.AsNoTracking()
            .Where(o => o.OrderedAt < until && o.Customer.ErasedAt == null)
            .Select(o => new
            {
                o.CustomerId,
                o.OrderedAt,
                o.Amount,
            })
            .AsAsyncEnumerable();
        await foreach (var order in orders.WithCancellation(cancellationToken))
            builder.AddOrder(order.CustomerId, order.OrderedAt, order.Amount);

        var signals = db
            .Interactions.AsNoTracking()
            .Where(i => i.OccurredAt < until)
            .Select(i => new
            {
                i.CustomerId,
                i.ContentItemId,
                i.Kind,
                i.OccurredAt,
                i.Weight,
            })
            .AsAsyncEnumerable();
        long read = 0;
        await foreach (var s in signals.WithCancellation(cancellationToken))
        {
            builder.AddSignal(s.CustomerId, s.ContentItemId, s.OccurredAt, weights.Of(s.Kind, s.Weight));
            if (++read % ProgressEvery == 0)
                progress?.Report(read);
        }
        progress?.Report(read);
        return builder.Build();
    }
}
