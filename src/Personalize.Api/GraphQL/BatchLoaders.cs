namespace Personalize.Api.GraphQL;

/// <summary>The batch loaders of one request, by name. Registered as a scoped service.</summary>
public sealed class BatchLoaders
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, object> _loaders = [];

    /// <param name="name">Unique per fetch function and arguments, e.g. "Customer.orders(first:5)".</param>
    public BatchLoader<TKey, TValue> Get<TKey, TValue>(string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        lock (_gate)
        {
            if (!_loaders.TryGetValue(name, out var loader))
                _loaders[name] = loader = new BatchLoader<TKey, TValue>(fetch);
            return (BatchLoader<TKey, TValue>)loader;
        }
    }
}
