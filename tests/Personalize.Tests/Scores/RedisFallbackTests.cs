using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Scores;

/// <summary>The service with a real Redis as its score cache, and Redis stopped under it.</summary>
public sealed class RedisFallbackTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private ApiFactory _api = null!;
    private RedisAdmin _admin = null!;

    private const string PageWithScores = """
        { customers(first: 50, where: { orderCount: { gte: 1 } }, order: [{ id: ASC }]) { nodes { id clv { predicted probabilityAlive } } } }
        """;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _admin = new RedisAdmin(_redis);
        _api = new SmallDemoStore(_redis.ConnectionString);
        await _api.DataAsync("{ __typename }"); // seeds and scores, writing the scores to Redis
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _admin.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private sealed class SmallDemoStore(string redis)
        : ApiFactory(
            new Dictionary<string, string?>
            {
                ["Seed:Demo"] = "true",
                ["Seed:Customers"] = "400",
                ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
                ["ConnectionStrings:Redis"] = redis,
            }
        );

    [Fact]
    public async Task Scores_for_a_page_are_one_MGET_and_answers_continue_while_Redis_is_down()
    {
        var keys = await _admin.Database.ExecuteAsync("DBSIZE");
        Assert.True((long)keys > 300, $"the recompute cached {keys} scores");

        var mgetBefore = await _admin.CallsAsync("mget");
        var fromRedis = await _api.DataAsync(PageWithScores);
        Assert.Equal(mgetBefore + 1, await _admin.CallsAsync("mget"));

        await _redis.StopAsync();
        var whileDown = await _api.GraphQLAsync(PageWithScores);
        Assert.False(whileDown.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(fromRedis.ToString(), whileDown.GetProperty("data").ToString());

        // Writes go on too: the order and its rescoring are stored; only the cache update is skipped.
        var recorded = await _api.DataAsync(
            """
            mutation { recordOrder(input: { customerId: "C00007", orderId: "WHILE-REDIS-DOWN", orderedAt: "2026-11-20T10:00:00Z", amount: 42 }) { order { id } errors { message } } }
            """
        );
        Assert.Equal(0, recorded.GetProperty("recordOrder").GetProperty("errors").GetArrayLength());

        await _redis.StartAsync();
        // The service reconnects by itself: a later page reads the scores from Redis again.
        await Eventually.ReadAsync(
            async () =>
            {
                await _api.DataAsync(PageWithScores);
                return await _admin.CallsAsync("mget");
            },
            mget => mget > 0
        );
    }
}
