using System.Collections.Concurrent;

namespace Personalize.Scores.Cache;

/// <summary>The embedded default when no Redis is configured: scores live in this process only.</summary>
public sealed class InMemoryScoreCache : IScoreCache
{
    private readonly ConcurrentDictionary<long, CustomerScore> _scores = new();

    public Task<IReadOnlyDictionary<long, CustomerScore>> GetManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, CustomerScore>(customerIds.Count);
        foreach (var id in customerIds)
            if (_scores.TryGetValue(id, out var score))
                found[id] = score;
        return Task.FromResult<IReadOnlyDictionary<long, CustomerScore>>(found);
    }

    public Task SetManyAsync(IReadOnlyCollection<CustomerScore> scores, CancellationToken cancellationToken)
    {
        foreach (var score in scores)
            _scores[score.CustomerId] = score;
        return Task.CompletedTask;
    }

    public Task RemoveManyAsync(IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        foreach (var id in customerIds)
            _scores.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
