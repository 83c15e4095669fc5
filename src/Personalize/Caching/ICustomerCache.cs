namespace Personalize.Caching;

/// <summary>Any customer cache, whatever it holds: what erasure needs.</summary>
public interface ICustomerCache
{
    /// <exception cref="CacheUnavailableException">The cache is down or too slow.</exception>
    Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken);
}

/// <summary>
/// One kind of per-customer value (scores, recommendation candidates) kept where hot paths read it: Redis when
/// configured, else this process. Reading or writing many customers is one round trip (or one pipelined batch).
/// </summary>
public interface ICustomerCache<T> : ICustomerCache
{
    /// <summary>The cached values of these customers; customers not in the cache are absent from the result.</summary>
    /// <exception cref="CacheUnavailableException">The cache is down or too slow; the caller falls back to the
    /// database.</exception>
    Task<IReadOnlyDictionary<long, T>> GetManyAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    );

    /// <exception cref="CacheUnavailableException">The cache is down or too slow.</exception>
    Task SetManyAsync(IReadOnlyDictionary<long, T> values, CancellationToken cancellationToken);
}
