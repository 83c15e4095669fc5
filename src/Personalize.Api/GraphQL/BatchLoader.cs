using GraphQL.DataLoader;

namespace Personalize.Api.GraphQL;

/// <summary>
/// Collects the keys that the resolvers of one execution pass ask for, and fetches them in one call when the engine
/// first awaits a result. A resolver returns the <see cref="IDataLoaderResult{T}"/> and never awaits it itself:
/// GraphQL.NET holds such results back until the other fields of the pass are resolved. Results are kept for the
/// rest of the request, so a key is fetched once.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch
)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch =
        fetch;
    private readonly Dictionary<TKey, Batch> _batchOf = [];
    private Batch? _open;

    /// <summary>The value for <paramref name="key"/>, or default when the fetch returned none.</summary>
    public Result<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batchOf.TryGetValue(key, out var batch))
            {
                batch = _open ??= new Batch(this);
                batch.Keys.Add(key);
                _batchOf[key] = batch;
            }
            return new Result<TValue?>(async ct => (await batch.DispatchAsync(ct)).GetValueOrDefault(key));
        }
    }

    private sealed class Batch(BatchLoader<TKey, TValue> loader)
    {
        private Lazy<Task<IReadOnlyDictionary<TKey, TValue>>>? _fetch;

        public List<TKey> Keys { get; } = [];

        /// <summary>
        /// Starts the fetch on the calling thread (no hop through the thread pool) but outside the loader's lock, so
        /// other fields can still add keys to the next batch; the first caller starts it, the others share its task.
        /// </summary>
        public Task<IReadOnlyDictionary<TKey, TValue>> DispatchAsync(CancellationToken cancellationToken)
        {
            Lazy<Task<IReadOnlyDictionary<TKey, TValue>>> fetch;
            lock (loader._gate)
            {
                if (_fetch is null)
                {
                    if (loader._open == this)
                        loader._open = null; // later keys start a new batch
                    _fetch = new(() => loader._fetch(Keys, cancellationToken));
                }
                fetch = _fetch;
            }
            return fetch.Value;
        }
    }
}
