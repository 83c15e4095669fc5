using System.Diagnostics;
using Personalize.Scores;
using Personalize.Scores.Cache;
using Personalize.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Personalize.Tests.Scores;

/// <summary>
/// Timings printed to the test output, not asserted: run alone with
/// <c>dotnet test --filter FullyQualifiedName~ScoreCacheMeasurements --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(Name)]
public sealed class ScoreCacheMeasurements(RedisServer server, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    public const string Name = "Score cache measurements, run alone";

    private const int Scores = 100_000;
    private const int Rounds = 10;

    // Generous timeout: this measures throughput, it does not test the fail-fast path.
    private readonly RedisScoreCache _cache = new(new ScoreCacheOptions { ConnectionString = server.ConnectionString, OperationTimeoutMs = 5_000 });
    private readonly RedisAdmin _admin = new(server);

    [Fact]
    public async Task Writing_a_hundred_thousand_scores_MSET_batches_versus_SET_per_key()
    {
        var scores = ScoreSamples.ForRange(1, Scores);
        var batchSize = new ScoreCacheOptions().WriteBatchSize;

        var mset = new List<TimeSpan>();
        var setPerKey = new List<TimeSpan>();
        await _cache.SetManyAsync(scores, default); // warm-up
        await SetPerKeyInBatchesAsync(scores, batchSize);
        for (var round = 0; round < Rounds; round++)
        {
            // Alternated, so neither way always runs on the warmer machine.
            mset.Add(await TimeAsync(() => _cache.SetManyAsync(scores, default)));
            setPerKey.Add(await TimeAsync(() => SetPerKeyInBatchesAsync(scores, batchSize)));
        }

        output.WriteLine($"write {Scores:N0} scores, MSET of {batchSize:N0} pipelined (the cache): {Describe(mset)}");
        output.WriteLine($"write {Scores:N0} scores, SET per key in IBatch of {batchSize:N0}:       {Describe(setPerKey)}");
    }

    [Fact]
    public async Task Reading_a_thousand_scores_with_one_MGET()
    {
        var scores = ScoreSamples.ForRange(500_000, 1_000);
        await _cache.SetManyAsync(scores, default);
        var ids = scores.Select(s => s.CustomerId).ToArray();
        for (var i = 0; i < 20; i++) await _cache.GetManyAsync(ids, default);

        var timings = new List<TimeSpan>();
        for (var i = 0; i < 500; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var read = await _cache.GetManyAsync(ids, default);
            timings.Add(stopwatch.Elapsed);
            Assert.Equal(1_000, read.Count);
        }

        output.WriteLine($"MGET 1,000 scores (decoded), 500 reads: {Describe(timings)}");
    }

    /// <summary>The alternative the cache does not use, kept to show why.</summary>
    private async Task SetPerKeyInBatchesAsync(CustomerScore[] scores, int batchSize)
    {
        var database = _admin.Database;
        var pending = new List<Task>(scores.Length);
        foreach (var chunk in scores.Chunk(batchSize))
        {
            var batch = database.CreateBatch();
            foreach (var score in chunk)
                pending.Add(batch.StringSetAsync(_cache.KeyFor(score.CustomerId), CustomerScoreCodec.Encode(score)));
            batch.Execute();
        }
        await Task.WhenAll(pending);
    }

    private async Task<TimeSpan> TimeAsync(Func<Task> write)
    {
        await _admin.Database.ExecuteAsync("FLUSHDB");
        var stopwatch = Stopwatch.StartNew();
        await write();
        return stopwatch.Elapsed;
    }

    private static string Describe(List<TimeSpan> timings)
    {
        var sorted = timings.Select(t => t.TotalMilliseconds).Order().ToArray();
        var p99 = sorted[(int)Math.Ceiling(sorted.Length * 0.99) - 1];
        return $"min {sorted[0]:F1} ms, median {sorted[sorted.Length / 2]:F1} ms, p99 {p99:F1} ms, max {sorted[^1]:F1} ms";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _cache.DisposeAsync();
        await _admin.DisposeAsync();
    }
}

/// <summary>Runs the measurements after the parallel tests, alone, so neither disturbs the other's timings.</summary>
[CollectionDefinition(ScoreCacheMeasurements.Name, DisableParallelization = true)]
public sealed class ScoreCacheMeasurementsCollection;
