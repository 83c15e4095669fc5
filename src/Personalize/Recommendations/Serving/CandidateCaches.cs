using System.Collections.Concurrent;
using System.Globalization;
using Personalize.Scores;
using Personalize.Scores.Cache;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Personalize.Recommendations.Serving;

/// <summary>
/// Where precomputed candidate lists are read from on the request path: Redis when configured, else this process.
/// Reading a page of customers is one round trip.
/// </summary>
public interface ICandidateCache
{
    /// <summary>The cached lists of these customers; customers not cached are absent.</summary>
    /// <exception cref="ScoreCacheUnavailableException">The cache is down or too slow; the caller falls back to the database.</exception>
    Task<IReadOnlyDictionary<long, CandidateList>> GetManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken);

    /// <exception cref="ScoreCacheUnavailableException">The cache is down or too slow.</exception>
    Task SetManyAsync(IReadOnlyDictionary<long, CandidateList> lists, CancellationToken cancellationToken);

    /// <exception cref="ScoreCacheUnavailableException">The cache is down or too slow.</exception>
    Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken);
}

/// <summary>The embedded default: lists live in this process, filled from the database on first use.</summary>
public sealed class InMemoryCandidateCache : ICandidateCache
{
    private readonly ConcurrentDictionary<long, CandidateList> _lists = new();

    public Task<IReadOnlyDictionary<long, CandidateList>> GetManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, CandidateList>(customerIds.Count);
        foreach (var id in customerIds)
            if (_lists.TryGetValue(id, out var list)) found[id] = list;
        return Task.FromResult<IReadOnlyDictionary<long, CandidateList>>(found);
    }

    public Task SetManyAsync(IReadOnlyDictionary<long, CandidateList> lists, CancellationToken cancellationToken)
    {
        foreach (var (id, list) in lists) _lists[id] = list;
        return Task.CompletedTask;
    }

    public Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        foreach (var id in customerIds) _lists.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Lists in Redis, one string key per customer, <c>{KeyPrefix}cand:{customerId}</c> holding <see cref="CandidateCodec"/>
/// bytes: a page is one MGET, a training writes pipelined MSETs of <see cref="ScoreCacheOptions.WriteBatchSize"/>.
/// Timeouts and the circuit breaker are the shared connection's.
/// </summary>
public sealed class RedisCandidateCache(RedisCacheConnection redis) : ICandidateCache
{
    private readonly string _keyPrefix = redis.Options.KeyPrefix + "cand:";

    public RedisKey KeyFor(long customerId) => string.Concat(_keyPrefix, customerId.ToString(CultureInfo.InvariantCulture));

    public async Task<IReadOnlyDictionary<long, CandidateList>> GetManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0) return new Dictionary<long, CandidateList>();
        var ids = customerIds as long[] ?? customerIds.ToArray();
        var keys = Array.ConvertAll(ids, KeyFor);
        var values = await redis.RunAsync(database => database.StringGetAsync(keys), cancellationToken);
        var found = new Dictionary<long, CandidateList>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
            if (!values[i].IsNull && CandidateCodec.TryDecode(((ReadOnlyMemory<byte>)values[i]).Span, out var list))
                found[ids[i]] = list!;
        return found;
    }

    public Task SetManyAsync(IReadOnlyDictionary<long, CandidateList> lists, CancellationToken cancellationToken)
    {
        if (lists.Count == 0) return Task.CompletedTask;
        var batches = lists
            .Select(l => new KeyValuePair<RedisKey, RedisValue>(KeyFor(l.Key), CandidateCodec.Encode(l.Value.ModelVersion, l.Value.Candidates)))
            .Chunk(redis.Options.WriteBatchSize)
            .ToArray();
        return redis.RunBatchesAsync(batches, (database, batch) => database.StringSetAsync(batch), cancellationToken);
    }

    public Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0) return Task.CompletedTask;
        var batches = customerIds.Select(KeyFor).Chunk(redis.Options.WriteBatchSize).ToArray();
        return redis.RunBatchesAsync(batches, (database, batch) => database.KeyDeleteAsync(batch), cancellationToken);
    }
}

public static class CandidateCacheServiceCollectionExtensions
{
    /// <summary>Redis (on the score cache's connection) when <c>ConnectionStrings:Redis</c> is set, else in process. Call after AddScoreCache.</summary>
    public static IServiceCollection AddCandidateCache(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(RedisCacheConnection)))
            services.AddSingleton<ICandidateCache>(provider => new RedisCandidateCache(provider.GetRequiredService<RedisCacheConnection>()));
        else
            services.AddSingleton<ICandidateCache, InMemoryCandidateCache>();
        return services;
    }
}
