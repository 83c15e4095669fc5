using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Personalize.Scores.Cache;

/// <summary>
/// Scores in Redis, one string key per customer: <c>{KeyPrefix}score:{customerId}</c> holding the
/// <see cref="CustomerScoreCodec"/> bytes. A read of many customers is one MGET; a write is one MSET per
/// <see cref="ScoreCacheOptions.WriteBatchSize"/> scores, all batches pipelined on the one shared connection
/// (<see cref="RedisCacheConnection"/>: timeouts, circuit breaker, reconnection).
/// </summary>
public sealed class RedisScoreCache : IScoreCache, IAsyncDisposable, IDisposable
{
    private readonly RedisCacheConnection _redis;
    private readonly bool _ownsConnection;
    private readonly string _keyPrefix;

    public RedisScoreCache(ScoreCacheOptions options, ILogger<RedisScoreCache>? logger = null)
        : this(new RedisCacheConnection(options, logger), ownsConnection: true) { }

    public RedisScoreCache(RedisCacheConnection redis) : this(redis, ownsConnection: false) { }

    private RedisScoreCache(RedisCacheConnection redis, bool ownsConnection)
    {
        (_redis, _ownsConnection) = (redis, ownsConnection);
        _keyPrefix = redis.Options.KeyPrefix + "score:";
    }

    public RedisKey KeyFor(long customerId) => string.Concat(_keyPrefix, customerId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<IReadOnlyDictionary<long, CustomerScore>> GetManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0) return new Dictionary<long, CustomerScore>();
        var ids = customerIds as long[] ?? customerIds.ToArray();
        var keys = Array.ConvertAll(ids, KeyFor);

        var values = await _redis.RunAsync(database => database.StringGetAsync(keys), cancellationToken);

        var found = new Dictionary<long, CustomerScore>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].IsNull) continue;
            if (CustomerScoreCodec.TryDecode(ids[i], ((ReadOnlyMemory<byte>)values[i]).Span, out var score))
                found[ids[i]] = score!;
        }
        return found;
    }

    public Task SetManyAsync(IReadOnlyCollection<CustomerScore> scores, CancellationToken cancellationToken)
    {
        if (scores.Count == 0) return Task.CompletedTask;
        var batches = scores
            .Select(score => new KeyValuePair<RedisKey, RedisValue>(KeyFor(score.CustomerId), CustomerScoreCodec.Encode(score)))
            .Chunk(_redis.Options.WriteBatchSize)
            .ToArray();
        return _redis.RunBatchesAsync(batches, (database, batch) => database.StringSetAsync(batch), cancellationToken);
    }

    public Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0) return Task.CompletedTask;
        var batches = customerIds.Select(KeyFor).Chunk(_redis.Options.WriteBatchSize).ToArray();
        return _redis.RunBatchesAsync(batches, (database, batch) => database.KeyDeleteAsync(batch), cancellationToken);
    }

    public ValueTask DisposeAsync() => _ownsConnection ? _redis.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
