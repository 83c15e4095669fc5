namespace Personalize.Api.GraphQL;

/// <summary>
/// The batch loaders of one request, created on first use under their key. Registered as a scoped service. Each
/// feature declares its loaders once, as named extension methods in its <c>XLoaders</c> class
/// (<c>loaders.CustomerById(id)</c>), so a key always means the same fetch.
/// </summary>
public sealed class BatchLoaders(IServiceProvider services)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, object> _loaders = [];

    /// <summary>A service of the request's scope, for a loader's fetch.</summary>
    public T Service<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <param name="key">Unique per fetch and arguments, e.g. "orders-of-customer(first:5)".</param>
    public BatchLoader<TKey, TValue> Get<TKey, TValue>(
        string key,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch
    )
        where TKey : notnull
    {
        lock (_gate)
        {
            if (!_loaders.TryGetValue(key, out var loader))
                _loaders[key] = loader = new BatchLoader<TKey, TValue>(fetch);
            return (BatchLoader<TKey, TValue>)loader;
        }
    }

    /// <summary>A loader of lists: each key gets its group of the fetched lookup, empty when it has none.</summary>
    public BatchLoader<TKey, IEnumerable<TValue>> GetGroups<TKey, TValue>(
        string key,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<ILookup<TKey, TValue>>> fetch
    )
        where TKey : notnull => Get<TKey, IEnumerable<TValue>>(key, async (keys, ct) =>
        {
            var groups = await fetch(keys, ct);
            return keys.Distinct().ToDictionary(k => k, k => groups[k]);
        });
}
