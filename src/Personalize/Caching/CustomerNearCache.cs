using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Personalize.Caching;

/// <summary>A kind of fact kept per customer (the row, their assignments, what they took...); declare one per fact, as
/// a static field.</summary>
public sealed class CustomerFact<T>(string name)
{
    public string Name { get; } = name;
    internal int Index { get; } = FactSlots.Next(name);
}

// Outside the generic class, whose statics exist once per T: every fact, whatever its type, gets a slot of its own.
internal static class FactSlots
{
    private static int s_count;

    public static int Next(string name)
    {
        var index = Interlocked.Increment(ref s_count) - 1;
        return index < CustomerNearCache.MaxFacts
            ? index
            : throw new InvalidOperationException(
                $"At most {CustomerNearCache.MaxFacts} customer facts; '{name}' is one more."
            );
    }
}

/// <summary>
/// What the storefront reads about a customer on every page view (the row, segment memberships, 12-month spend,
/// offer assignments, what they took, their candidate list), kept in this process so that a returning visitor costs no
/// statement and no Redis round trip. Every write that changes such a fact calls <see cref="Invalidate"/> after its
/// commit; <see cref="CustomerChangeFeed"/> carries the same call to the other instances. A load that overlapped an
/// invalidation of its customer is not kept, so a fact is never older than the last write that was told. Entries also
/// expire after <see cref="NearCacheOptions.MaxAgeSeconds"/>, which bounds what a write nobody was told of (another
/// process on the same SQLite file without Redis) can leave stale.
/// </summary>
public sealed class CustomerNearCache
{
    public const int MaxFacts = 16;

    private readonly NearCacheOptions _options;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, long> _idsByExternalId = new(StringComparer.Ordinal);

    // Customer id -> the sequence number of its last invalidation, kept while a load that began before it may still
    // run.
    private readonly ConcurrentDictionary<long, Tombstone> _tombstones = new();
    private long _sequence;
    private long _clearedAt;
    private long _tombstonesPrunedAt;
    private int _feedDown;
    private int _count;
    private long _hits;
    private long _misses;

    public CustomerNearCache(IOptions<NearCacheOptions> options) => _options = options.Value;

    /// <summary>The channel to the other instances; null without Redis (one process: nothing to tell).</summary>
    public CustomerChangeFeed? Feed { get; internal set; }

    /// <summary>Whether facts are served from memory; off by configuration, or while the change feed cannot hear other
    /// instances.</summary>
    public bool IsServing => _options.Enabled && Volatile.Read(ref _feedDown) == 0;

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public int Count => Volatile.Read(ref _count);

    /// <summary>Raised after a local invalidation (customer ids, or null for all) so the change feed can tell the other
    /// instances.</summary>
    public event Action<long[]?>? Invalidated;

    /// <summary>
    /// The fact for each customer: from memory where held (and <paramref name="isCurrent"/>), the rest by one call to
    /// <paramref name="load"/>, whose answers are kept. A customer absent from the load's answer gets <paramref name="absent"/>.
    /// </summary>
    public async Task<Dictionary<long, T>> GetManyAsync<T>(
        IReadOnlyCollection<long> customerIds,
        CustomerFact<T> fact,
        T absent,
        Func<List<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load,
        CancellationToken cancellationToken,
        Func<T, bool>? isCurrent = null
    )
    {
        var found = new Dictionary<long, T>(customerIds.Count);
        List<long>? missing = null;
        var serving = IsServing;
        foreach (var id in customerIds.Distinct())
        {
            if (serving && TryGet(id, fact, out var value) && (isCurrent is null || isCurrent(value)))
                found[id] = value;
            else
                (missing ??= []).Add(id);
        }
        Tally(found.Count, missing?.Count ?? 0);
        if (missing is null)
            return found;

        var started = BeginLoad();
        var loaded = await load(missing, cancellationToken);
        foreach (var id in missing)
        {
            var value = loaded.TryGetValue(id, out var v) ? v : absent;
            found[id] = value;
            Keep(id, fact, value, started);
        }
        return found;
    }

    /// <summary>
    /// Facts found by the caller's customer ids (the storefront's key) rather than the stored ids: from memory where
    /// held, the rest by one call to <paramref name="load"/>. Unknown ids are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, T>> GetByExternalIdsAsync<T>(
        IReadOnlyCollection<string> externalIds,
        CustomerFact<T> fact,
        Func<T, long> idOf,
        Func<List<string>, CancellationToken, Task<IReadOnlyDictionary<string, T>>> load,
        CancellationToken cancellationToken
    )
    {
        var found = new Dictionary<string, T>(externalIds.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        var serving = IsServing;
        foreach (var externalId in externalIds.Distinct())
        {
            if (
                serving
                && _idsByExternalId.TryGetValue(externalId, out var id)
                && TryGet(id, fact, out var value, externalId)
            )
                found[externalId] = value;
            else
                (missing ??= []).Add(externalId);
        }
        Tally(found.Count, missing?.Count ?? 0);
        if (missing is null)
            return found;

        var started = BeginLoad();
        foreach (var (externalId, value) in await load(missing, cancellationToken))
        {
            found[externalId] = value;
            var id = idOf(value);
            if (Keep(id, fact, value, started, externalId))
                _idsByExternalId[externalId] = id;
        }
        return found;
    }

    /// <summary>These customers changed (after the write's commit): their facts are read again, here and, through the
    /// feed, everywhere.</summary>
    public void Invalidate(IEnumerable<long> customerIds)
    {
        var ids = customerIds.Distinct().ToArray();
        if (ids.Length == 0)
            return;
        Forget(ids);
        Invalidated?.Invoke(ids);
    }

    /// <summary>Many customers changed at once (a recompute, an import, a training): every fact is read again, here and
    /// everywhere.</summary>
    public void InvalidateAll()
    {
        ForgetAll();
        Invalidated?.Invoke(null);
    }

    /// <summary>Drops these customers' facts without telling other instances (the feed's own delivery).</summary>
    internal void Forget(IReadOnlyCollection<long> customerIds)
    {
        var now = Environment.TickCount64;
        foreach (var id in customerIds)
        {
            // The tombstone first: a load that checks after it sees it; one that checked before loses its entry below.
            _tombstones[id] = new Tombstone(Interlocked.Increment(ref _sequence), now);
            Remove(id);
        }
        // At most once a second: under a write load the young tombstones alone may pass the limit, and a scan per write
        // would not remove them.
        if (now - Volatile.Read(ref _tombstonesPrunedAt) > 1_000 && _tombstones.Count > _options.MaxCustomers)
            PruneTombstones(now);
    }

    /// <summary>Drops every fact without telling other instances.</summary>
    internal void ForgetAll()
    {
        Volatile.Write(ref _clearedAt, Interlocked.Increment(ref _sequence));
        foreach (var id in _entries.Keys)
            Remove(id);
    }

    /// <summary>The change feed lost (true) or regained (false) its subscription: facts are dropped, and not served
    /// while it is lost.</summary>
    public void FeedDown(bool down)
    {
        ForgetAll();
        Volatile.Write(ref _feedDown, down ? 1 : 0);
    }

    private bool TryGet<T>(long id, CustomerFact<T> fact, out T value, string? externalId = null)
    {
        value = default!;
        if (!_entries.TryGetValue(id, out var entry) || (externalId is not null && entry.ExternalId != externalId))
            return false;
        if (Environment.TickCount64 - entry.CreatedAt >= _options.MaxAge.TotalMilliseconds)
        {
            if (_entries.TryRemove(new KeyValuePair<long, Entry>(id, entry)))
                Removed(entry);
            return false;
        }
        if (entry.Facts[fact.Index] is not Box<T> box)
            return false;
        value = box.Value;
        return true;
    }

    private Load BeginLoad() => new(Interlocked.Read(ref _sequence), Environment.TickCount64);

    /// <returns>Whether the fact was kept.</returns>
    private bool Keep<T>(long id, CustomerFact<T> fact, T value, Load load, string? externalId = null)
    {
        if (!IsServing || Environment.TickCount64 - load.StartedAt > _options.MaxLoadMilliseconds)
            return false;
        if (!_entries.TryGetValue(id, out var entry))
        {
            if (Count >= _options.MaxCustomers)
                Trim();
            entry = new Entry(id, Environment.TickCount64);
            if (_entries.TryAdd(id, entry))
                Interlocked.Increment(ref _count);
            else if (!_entries.TryGetValue(id, out entry))
                return false;
        }
        if (externalId is not null)
            entry.ExternalId = externalId;
        Volatile.Write(ref entry.Facts[fact.Index], new Box<T>(value));
        if (!ChangedSince(id, load))
            return true;
        // An invalidation ran while this load did: what it read may be older than that write.
        if (_entries.TryRemove(new KeyValuePair<long, Entry>(id, entry)))
            Removed(entry);
        return false;
    }

    private bool ChangedSince(long id, Load load) =>
        Volatile.Read(ref _clearedAt) > load.Sequence
        || (_tombstones.TryGetValue(id, out var tombstone) && tombstone.Sequence > load.Sequence);

    private void Remove(long id)
    {
        if (_entries.TryRemove(id, out var entry))
            Removed(entry);
    }

    private void Removed(Entry entry)
    {
        Interlocked.Decrement(ref _count);
        if (entry.ExternalId is { } externalId)
            _idsByExternalId.TryRemove(new KeyValuePair<string, long>(externalId, entry.Id));
    }

    /// <summary>Full: drops the oldest half of the entries (by creation), so the customers seen recently
    /// stay.</summary>
    private void Trim()
    {
        var entries = _entries.ToArray();
        if (entries.Length < _options.MaxCustomers)
            return;
        var cutoff = entries.Select(e => e.Value.CreatedAt).Order().ElementAt(entries.Length / 2);
        foreach (var (id, entry) in entries)
            if (entry.CreatedAt <= cutoff && _entries.TryRemove(new KeyValuePair<long, Entry>(id, entry)))
                Removed(entry);
    }

    private void PruneTombstones(long now)
    {
        Volatile.Write(ref _tombstonesPrunedAt, now);
        foreach (var (id, tombstone) in _tombstones)
            if (now - tombstone.At > _options.MaxLoadMilliseconds)
                _tombstones.TryRemove(new KeyValuePair<long, Tombstone>(id, tombstone));
    }

    private void Tally(int hits, int misses)
    {
        if (hits > 0)
            Interlocked.Add(ref _hits, hits);
        if (misses > 0)
            Interlocked.Add(ref _misses, misses);
    }

    private sealed class Entry(long id, long createdAt)
    {
        public long Id { get; } = id;
        public long CreatedAt { get; } = createdAt;

        /// <summary>The caller's id, once a fact was found by it.</summary>
        public string? ExternalId;
        public readonly object?[] Facts = new object?[MaxFacts];
    }

    // Boxed so that a default value (0, null) held in memory is told apart from a fact never loaded.
    private sealed record Box<T>(T Value);

    private readonly record struct Tombstone(long Sequence, long At);

    private readonly record struct Load(long Sequence, long StartedAt);
}
