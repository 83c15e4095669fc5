using System.Globalization;
using StackExchange.Redis;

namespace Personalize.Caching;

/// <summary>
/// Values in Redis, one string key per customer (<see cref="CacheFormat{T}"/>). A read of many customers is one
/// MGET; a write is one MSET per <see cref="CacheOptions.WriteBatchSize"/> values, all batches pipelined on the one
/// shared connection (<see cref="RedisCacheConnection"/>: timeouts, circuit breaker, reconnection).
/// </summary>
public sealed class RedisCustomerCache<T>(RedisCacheConnection redis, CacheFormat<T> format) : ICustomerCache<T>
{
    private readonly string _keyPrefix = redis.Options.KeyPrefix + format.KeySpace + ":";

    public RedisKey KeyFor(long customerId) =>
        string.Concat(_keyPrefix, customerId.ToString(CultureInfo.InvariantCulture));

    public async Task<IReadOnlyDictionary<long, T>> GetManyAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        if (customerIds.Count == 0)
            return new Dictionary<long, T>();
        var ids = customerIds as long[] ?? customerIds.ToArray();
        var keys = Array.ConvertAll(ids, KeyFor);
        var values = await redis.RunAsync(database => database.StringGetAsync(keys), cancellationToken);
        var found = new Dictionary<long, T>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
            if (!values[i].IsNull && format.Decode(ids[i], ((ReadOnlyMemory<byte>)values[i]).Span, out var value))
                found[ids[i]] = value!;
        return found;
    }

    public Task SetManyAsync(IReadOnlyDictionary<long, T> values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
            return Task.CompletedTask;
        var batches = values
            .Select(v => new KeyValuePair<RedisKey, RedisValue>(KeyFor(v.Key), format.Encode(v.Value)))
            .Chunk(redis.Options.WriteBatchSize)
            .ToArray();
        return redis.RunBatchesAsync(batches, (database, batch) => database.StringSetAsync(batch), cancellationToken);
    }

    public Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
            return Task.CompletedTask;
        var batches = customerIds.Select(KeyFor).Chunk(redis.Options.WriteBatchSize).ToArray();
        return redis.RunBatchesAsync(batches, (database, batch) => database.KeyDeleteAsync(batch), cancellationToken);
    }
}
