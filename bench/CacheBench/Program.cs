// The customer cache on a real redis-server: writing 100,000 scores as pipelined MSET batches (what the cache does)
// against SET per key in batches (the alternative it does not use), and reading 1,000 customers with one MGET.
// Writes alternate between the two ways, round by round, so neither always runs on the warmer machine. Prints each
// way's median, min and p99 and the ratio of the medians.
// Usage: dotnet run -c Release --project bench/CacheBench -- REDIS_CONNECTION_STRING [ROUNDS] [READS]
using System.Diagnostics;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Scores;
using StackExchange.Redis;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: CacheBench REDIS_CONNECTION_STRING [ROUNDS] [READS]");
    return 2;
}
var rounds = args.Length > 1 ? int.Parse(args[1]) : 10;
var reads = args.Length > 2 ? int.Parse(args[2]) : 500;
const int Scores = 100_000;

var options = new CacheOptions { ConnectionString = args[0], OperationTimeoutMs = 5_000 };
await using var connection = new RedisCacheConnection(options);
var cache = new RedisCustomerCache<CustomerScore>(connection, CustomerScoreCodec.Format);
await using var admin = await ConnectionMultiplexer.ConnectAsync(args[0] + ",allowAdmin=true");
var database = admin.GetDatabase();

var scores = Enumerable.Range(1, Scores).Select(i => Score(i)).ToDictionary(s => s.CustomerId);
var mset = new List<double>();
var setPerKey = new List<double>();
await cache.SetManyAsync(scores, default); // warm-up
await SetPerKeyAsync();
for (var round = 0; round < rounds; round++)
{
    mset.Add(await TimeAsync(() => cache.SetManyAsync(scores, default)));
    setPerKey.Add(await TimeAsync(SetPerKeyAsync));
}
Console.WriteLine(
    $"write {Scores:N0} scores, MSET of {options.WriteBatchSize:N0} pipelined (the cache): {Describe(mset)}"
);
Console.WriteLine(
    $"write {Scores:N0} scores, SET per key in batches of {options.WriteBatchSize:N0}:   {Describe(setPerKey)}"
);
Console.WriteLine($"SET per key / MSET, ratio of medians: {Median(setPerKey) / Median(mset):F2}");

await cache.SetManyAsync(scores, default);
var ids = scores.Keys.Take(1_000).ToArray();
for (var i = 0; i < 20; i++)
    await cache.GetManyAsync(ids, default);
var timings = new List<double>();
for (var i = 0; i < reads; i++)
{
    var stopwatch = Stopwatch.StartNew();
    var read = await cache.GetManyAsync(ids, default);
    timings.Add(stopwatch.Elapsed.TotalMilliseconds);
    if (read.Count != ids.Length)
        throw new InvalidOperationException($"read {read.Count} of {ids.Length} scores");
}
Console.WriteLine($"read 1,000 scores with one MGET (decoded), {reads} reads: {Describe(timings)}");
return 0;

async Task SetPerKeyAsync()
{
    var pending = new List<Task>(scores.Count);
    foreach (var chunk in scores.Values.Chunk(options.WriteBatchSize))
    {
        var batch = database.CreateBatch();
        foreach (var score in chunk)
            pending.Add(batch.StringSetAsync(cache.KeyFor(score.CustomerId), CustomerScoreCodec.Encode(score)));
        batch.Execute();
    }
    await Task.WhenAll(pending);
}

async Task<double> TimeAsync(Func<Task> write)
{
    await database.ExecuteAsync("FLUSHDB");
    var stopwatch = Stopwatch.StartNew();
    await write();
    return stopwatch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Describe(List<double> timings)
{
    var sorted = timings.Order().ToArray();
    var p99 = sorted[(int)Math.Ceiling(sorted.Length * 0.99) - 1];
    return $"median {Median(timings):F1} ms, min {sorted[0]:F1} ms, p99 {p99:F1} ms";
}

static CustomerScore Score(long id) =>
    new(
        id,
        SnapshotId: 1,
        AsOf: new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        ScoredAt: new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc),
        Frequency: (int)(id % 20),
        Recency: id % 300,
        Age: 365,
        MonetaryValue: 42.5m + id % 100,
        ProbabilityAlive: 0.8,
        ExpectedPurchases: 2.5,
        PredictedClv: 310.25m,
        HistoricalClv: 280m,
        AverageOrderValue: 61.2m,
        ExpectedAverageOrderValue: 58.9m,
        RfmRecency: 4,
        RfmFrequency: 3,
        RfmMonetary: 5,
        Stage: LifecycleStage.Active
    );
