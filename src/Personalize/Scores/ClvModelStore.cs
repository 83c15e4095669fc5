using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Lifecycle;

namespace Personalize.Scores;

/// <summary>
/// The fitted CLV models: the current one (the latest snapshot, re-read at most every 30 seconds so that every API
/// instance sees a recompute made elsewhere) and older ones by id (snapshots never change, so they are kept).
/// </summary>
public sealed class ClvModelStore(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
    : ILoyalClvThreshold
{
    private static readonly TimeSpan CurrentLifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<long, ClvSnapshot> _byId = new();
    private volatile CurrentEntry? _current;
    private volatile FailureEntry? _failure;

    public async Task<ClvSnapshot?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_current is { } entry && now - entry.LoadedAt < CurrentLifetime)
            return entry.Snapshot;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.ClvSnapshots.OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is not null)
            _byId[snapshot.Id] = snapshot;
        _current = new CurrentEntry(snapshot, now);
        return snapshot;
    }

    public async Task<ClvSnapshot?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        if (_byId.TryGetValue(id, out var snapshot))
            return snapshot;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        snapshot = await db.ClvSnapshots.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is not null)
            _byId[id] = snapshot;
        return snapshot;
    }

    /// <summary>
    /// The latest recompute that stored nothing because no purchase model fitted, when it came after the current
    /// snapshot (which stays in use); null when the latest recompute succeeded or none failed.
    /// </summary>
    async Task<decimal?> ILoyalClvThreshold.CurrentAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken))?.LoyalClvThreshold;

    public async Task<ClvRecomputeFailure?> FailureSinceCurrentAsync(CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (_failure is { } entry && now - entry.LoadedAt < CurrentLifetime)
            return Newer(entry.Failure, current);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var failure = await db.ClvRecomputeFailures.OrderByDescending(f => f.Id).FirstOrDefaultAsync(cancellationToken);
        _failure = new FailureEntry(failure, now);
        return Newer(failure, current);

        static ClvRecomputeFailure? Newer(ClvRecomputeFailure? failure, ClvSnapshot? snapshot) =>
            failure is not null && (snapshot is null || failure.AttemptedAt >= snapshot.ComputedAt) ? failure : null;
    }

    /// <summary>After a recompute in this process: the next read sees the new snapshot at once.</summary>
    public void Invalidate() => (_current, _failure) = (null, null);

    private sealed record CurrentEntry(ClvSnapshot? Snapshot, DateTimeOffset LoadedAt);

    private sealed record FailureEntry(ClvRecomputeFailure? Failure, DateTimeOffset LoadedAt);
}
