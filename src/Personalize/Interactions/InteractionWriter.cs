using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;

namespace Personalize.Interactions;

/// <summary>An interaction that passed validation, waiting to be stored.</summary>
internal sealed record InteractionWrite(
    string CustomerId,
    string ItemId,
    InteractionKind Kind,
    DateTime OccurredAt,
    double? Weight,
    string? IdempotencyKey
);

/// <summary>
/// Group commit (<see cref="GroupCommit{TWrite}"/>) for interactions: the validated writes of concurrent callers are
/// stored in one transaction (up to <see cref="MaxBatch"/>), then each caller is answered; nothing acknowledged can be
/// lost, and one bad write (or a race with another writer over a key or a new customer) never fails the others.
/// </summary>
public sealed class InteractionWriter : IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 1_000;

    private readonly IDbContextFactory<PersonalizeDbContext> _factory;
    private readonly TimeProvider _clock;
    private readonly CustomerNearCache _nearCache;
    private readonly GroupCommit<Pending> _queue;

    public InteractionWriter(
        IDbContextFactory<PersonalizeDbContext> factory,
        TimeProvider clock,
        CustomerNearCache nearCache,
        ILogger<InteractionWriter> logger
    )
    {
        (_factory, _clock, _nearCache) = (factory, clock, nearCache);
        _queue = new GroupCommit<Pending>(
            StoreAsync,
            (pending, e) => pending.Answer.TrySetException(e),
            _ => 1,
            MaxBatch,
            logger
        );
    }

    /// <summary>
    /// Stores the interaction (or finds the one stored under its idempotency key). A caller that gives up waiting
    /// may still have its write stored: a retry with the same key is then answered from the database.
    /// </summary>
    internal Task<MutationResult<Interaction>> WriteAsync(InteractionWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(
            write,
            new TaskCompletionSource<MutationResult<Interaction>>(TaskCreationOptions.RunContinuationsAsynchronously)
        );
        _queue.Enqueue(pending);
        return pending.Answer.Task.WaitAsync(cancellationToken);
    }

    // What was accepted is written before the process exits.
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    public void Dispose() => _queue.Dispose();

    private async Task StoreAsync(IReadOnlyList<Pending> batch)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var keys = batch.Select(p => p.Write.IdempotencyKey).OfType<string>().Distinct().ToList();
        var stored =
            keys.Count == 0
                ? []
                : await db
                    .Interactions.Where(i => keys.Contains(i.IdempotencyKey!))
                    .ToDictionaryAsync(i => i.IdempotencyKey!);
        var slugs = batch.Select(p => p.Write.ItemId).Distinct().ToList();
        var items = await db.ContentItems.Where(c => slugs.Contains(c.Slug)).ToDictionaryAsync(c => c.Slug, c => c.Id);

        var answers = new List<(Pending Pending, Func<MutationResult<Interaction>> Answer)>(batch.Count);
        var inserted = new List<(Pending Pending, Interaction Interaction)>();
        var insertedByKey = new Dictionary<string, Interaction>();
        foreach (var pending in batch)
        {
            var write = pending.Write;
            if (
                write.IdempotencyKey is { } key
                && (stored.TryGetValue(key, out var earlier) || insertedByKey.TryGetValue(key, out earlier))
            )
            {
                answers.Add((pending, () => MutationResult<Interaction>.Ok(earlier)));
                continue;
            }
            if (!items.TryGetValue(write.ItemId, out var itemId))
            {
                answers.Add(
                    (pending, () => MutationResult<Interaction>.NotFound("input.itemId", "content item", write.ItemId))
                );
                continue;
            }
            var interaction = new Interaction
            {
                ContentItemId = itemId,
                Kind = write.Kind,
                OccurredAt = write.OccurredAt,
                Weight = write.Weight,
                IdempotencyKey = write.IdempotencyKey,
            };
            inserted.Add((pending, interaction));
            if (write.IdempotencyKey is not null)
                insertedByKey[write.IdempotencyKey] = interaction;
            answers.Add((pending, () => MutationResult<Interaction>.Ok(interaction)));
        }

        if (inserted.Count > 0)
        {
            var customers = await CustomerService.FindOrCreateManyAsync(
                db,
                inserted.Select(i => (i.Pending.Write.CustomerId, i.Pending.Write.OccurredAt)).ToList(),
                now,
                default
            );
            await db.SaveChangesAsync(); // new customers get their ids
            foreach (var (pending, interaction) in inserted)
                interaction.CustomerId = customers[pending.Write.CustomerId].Id;
            db.Interactions.AddRange(inserted.Select(i => i.Interaction));
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        _nearCache.Invalidate(inserted.Select(i => i.Interaction.CustomerId));

        foreach (var (pending, answer) in answers)
            pending.Answer.TrySetResult(answer());
    }

    private sealed record Pending(InteractionWrite Write, TaskCompletionSource<MutationResult<Interaction>> Answer);
}
