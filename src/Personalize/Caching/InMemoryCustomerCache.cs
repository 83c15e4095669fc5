using System.Collections.Concurrent;

namespace Personalize.Caching;

/// <summary>The embedded default when no Redis is configured: values live in this process only.</summary>
public sealed class InMemoryCustomerCache<T> : ICustomerCache<T>
{
    private readonly ConcurrentDictionary<long, T> _values = new();

    public Task<IReadOnlyDictionary<long, T>> GetManyAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var found = new Dictionary<long, T>(customerIds.Count);
        foreach (var id in customerIds)
            if (_values.TryGetValue(id, out var value))
                found[id] = value;
        return Task.FromResult<IReadOnlyDictionary<long, T>>(found);
    }

    public Task SetManyAsync(IReadOnlyDictionary<long, T> values, CancellationToken cancellationToken)
    {
        foreach (var (id, value) in values)
            _values[id] = value;
        return Task.CompletedTask;
    }

    public Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        foreach (var id in customerIds)
            _values.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
