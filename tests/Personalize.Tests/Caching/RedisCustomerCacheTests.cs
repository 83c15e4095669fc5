using Personalize.Caching;
using Personalize.Scores;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;
using StackExchange.Redis;

namespace Personalize.Tests.Caching;

public sealed class RedisCustomerCacheTests(RedisServer server)
    : CustomerCacheContract,
        IClassFixture<RedisServer>,
        IAsyncLifetime
{
    // The contract is about values: a cold first read on a machine busy with the parallel tests may pass the
    // storefront's 250 ms, and the timeouts have tests of their own (RedisOutageTests).
    private readonly RedisCacheConnection _connection = new(
        new CacheOptions { ConnectionString = server.ConnectionString, OperationTimeoutMs = 5_000 }
    );
    private RedisCustomerCache<CustomerScore> ScoreCache => new(_connection, CustomerScoreCodec.Format);
    private readonly RedisAdmin _admin = new(server);

    protected override ICustomerCache<CustomerScore> Cache => ScoreCache;
    protected override long FirstId => 1;

    [Fact]
    public async Task A_read_of_a_thousand_customers_is_one_MGET()
    {
        var scores = ScoreSamples.ForRange(10_000, 1_000);
        await ScoreCache.SetManyAsync(scores, default);
        var mgetBefore = await _admin.CallsAsync("mget");
        var getBefore = await _admin.CallsAsync("get");

        var read = await ScoreCache.GetManyAsync(scores.Select(s => s.CustomerId).ToArray(), default);

        Assert.Equal(1_000, read.Count);
        Assert.Equal(mgetBefore + 1, await _admin.CallsAsync("mget"));
        Assert.Equal(getBefore, await _admin.CallsAsync("get"));
    }

    [Fact]
    public async Task Writing_a_hundred_thousand_scores_is_one_MSET_per_batch_and_all_read_back()
    {
        var options = new CacheOptions();
        var scores = ScoreSamples.ForRange(1_000_000, 100_000);
        var msetBefore = await _admin.CallsAsync("mset");
        var setBefore = await _admin.CallsAsync("set");

        await ScoreCache.SetManyAsync(scores, default);

        Assert.Equal(
            msetBefore + (100_000 + options.WriteBatchSize - 1) / options.WriteBatchSize,
            await _admin.CallsAsync("mset")
        );
        Assert.Equal(setBefore, await _admin.CallsAsync("set"));
        foreach (var chunk in scores.Chunk(10_000))
        {
            var read = await ScoreCache.GetManyAsync(chunk.Select(s => s.CustomerId).ToArray(), default);
            Assert.Equal(chunk.Length, read.Count);
            Assert.All(chunk, score => Assert.Equal(score, read[score.CustomerId]));
        }
    }

    [Fact]
    public async Task Removing_many_customers_is_one_DEL_per_batch()
    {
        var scores = ScoreSamples.ForRange(2_000_000, 12_000);
        await ScoreCache.SetManyAsync(scores, default);
        var deletesBefore = await _admin.CallsAsync("del") + await _admin.CallsAsync("unlink");

        await ScoreCache.RemoveManyAsync(scores.Select(s => s.CustomerId).ToArray(), default);

        Assert.Equal(deletesBefore + 3, await _admin.CallsAsync("del") + await _admin.CallsAsync("unlink"));
        Assert.Empty(await ScoreCache.GetManyAsync(scores.Select(s => s.CustomerId).ToArray(), default));
    }

    [Fact]
    public async Task Values_it_cannot_decode_are_misses()
    {
        var valid = CustomerScoreCodec.Encode(ScoreSamples.For(500));
        var unknownVersion = (byte[])valid.Clone();
        unknownVersion[0] = 2;
        var unknownStage = (byte[])valid.Clone();
        unknownStage[^1] = 200;
        var invalidDecimal = (byte[])valid.Clone();
        invalidDecimal[45 + 12] = 0xFF; // flags byte of MonetaryValue: unused bits set
        var corrupt = new Dictionary<long, RedisValue>
        {
            [501] = unknownVersion,
            [502] = unknownStage,
            [503] = invalidDecimal,
            [504] = valid[..100],
            [505] = "not a score",
            [506] = RedisValue.EmptyString,
        };
        foreach (var (id, value) in corrupt)
            await _admin.Database.StringSetAsync(ScoreCache.KeyFor(id), value);
        await _admin.Database.HashSetAsync(ScoreCache.KeyFor(507), "field", "a hash, not a string");
        await _admin.Database.StringSetAsync(ScoreCache.KeyFor(500), valid);

        var read = await ScoreCache.GetManyAsync([500, 501, 502, 503, 504, 505, 506, 507], default);

        Assert.Equal([500L], read.Keys);
        Assert.Equal(ScoreSamples.For(500), read[500]);
    }

    [Fact]
    public async Task Keys_follow_the_documented_layout()
    {
        await ScoreCache.SetManyAsync([ScoreSamples.For(600)], default);

        var raw = (byte[]?)await _admin.Database.StringGetAsync("pz:score:600");

        Assert.NotNull(raw);
        Assert.Equal(CustomerScoreCodec.Length, raw.Length);
        Assert.Equal(CustomerScoreCodec.Version, raw[0]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _admin.DisposeAsync();
    }
}
