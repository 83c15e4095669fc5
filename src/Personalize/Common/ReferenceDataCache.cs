namespace Personalize.Common;

/// <summary>
/// Reference data read from the database once and shared by every request (running offers, active segments): a value
/// is reused until it is <see cref="ReferenceDataOptions.RefreshSeconds"/> old or this process changed the data
/// (<see cref="Invalidate"/>). Another instance's changes are therefore seen within that many seconds. One reload runs
/// at a time; the callers that arrive meanwhile wait for it.
/// </summary>
public sealed class ReferenceDataCache<T>(Func<CancellationToken, Task<T>> load, TimeSpan maxAge)
    where T : class
{
    private sealed record Entry(T Value, long LoadedAt, long Generation);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private Entry? _entry;
    private long _generation;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } value)
            return value;
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (Current() is { } reloaded)
                return reloaded;
            // Read before loading: a change made while the load runs leaves the entry stale, so the next call reloads.
            var generation = Volatile.Read(ref _generation);
            var loaded = await load(cancellationToken);
            Volatile.Write(ref _entry, new Entry(loaded, Environment.TickCount64, generation));
            return loaded;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>The data changed: the next call reloads it.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private T? Current() =>
        Volatile.Read(ref _entry) is { } entry
        && entry.Generation == Volatile.Read(ref _generation)
        && Environment.TickCount64 - entry.LoadedAt < maxAge.TotalMilliseconds
            ? entry.Value
            : null;
}
