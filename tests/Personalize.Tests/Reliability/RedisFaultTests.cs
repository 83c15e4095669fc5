using System.Net.Http.Json;
using System.Text.Json;
using Personalize.Access;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;
using Xunit.Abstractions;

namespace Personalize.Tests.Reliability;

/// <summary>
/// Storefront queries while Redis is stopped, slowed down (DEBUG SLEEP), paused (CLIENT PAUSE) and flapping: every
/// answer is complete and equal to the answer with Redis healthy, and the service goes back to Redis by itself.
/// </summary>
public sealed class RedisFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private ApiFactory _api = null!;
    private RedisAdmin _admin = null!;
    private string _storefrontKey = "";
    private int _requests,
        _faults;

    private const string CustomerScores =
        "query($id: ID!) { customer(id: $id) { id lifecycleStage clv { predicted probabilityAlive rfm { score } } } }";
    private static readonly string[] Customers = Enumerable.Range(1, 40).Select(i => $"C{i * 7:D5}").ToArray();

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _admin = new RedisAdmin(_redis);
        _api = ApiFactory.With(
            new Dictionary<string, string?>
            {
                ["Seed:Demo"] = "true",
                ["Seed:Customers"] = "400",
                ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
                ["ConnectionStrings:Redis"] = _redis.ConnectionString,
                // this test sends one key's traffic as fast as it can; LimitTests covers the limiter
                ["RateLimit:Permits"] = "0",
            }
        );
        _storefrontKey = await _api.CreateKeyAsync(Scopes.Storefront);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _admin.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Storefront_queries_all_answer_through_Redis_outages_slowness_and_flapping_and_Redis_is_used_again_after()
    {
        var healthy = await QueryAllAsync();
        Assert.True(await _admin.CallsAsync("mget") > 0, "the healthy phase did not read Redis");

        await _redis.StopAsync();
        _faults++;
        AssertSame(healthy, await QueryAllAsync(), "Redis stopped");
        await _redis.StartAsync();
        AssertSame(healthy, await QueryAllAsync(), "Redis restarted");

        var sleep = _admin.Database.ExecuteAsync("DEBUG", "SLEEP", "1.5");
        _faults++;
        AssertSame(healthy, await QueryAllAsync(), "Redis in DEBUG SLEEP");
        await sleep;

        await _admin.Database.ExecuteAsync("CLIENT", "PAUSE", "1500", "ALL");
        _faults++;
        AssertSame(healthy, await QueryAllAsync(), "Redis paused");

        for (var flap = 0; flap < 3; flap++)
        {
            await _redis.StopAsync();
            _faults++;
            AssertSame(healthy, await QueryAllAsync(10), $"flap {flap}, Redis down");
            await _redis.StartAsync();
            AssertSame(healthy, await QueryAllAsync(10), $"flap {flap}, Redis up");
        }

        // The service goes back to Redis by itself (the MGET counter restarts with the server).
        await Eventually.ReadAsync(
            async () =>
            {
                AssertSame(healthy, await QueryAllAsync(5), "reconnecting");
                return await MgetCallsAsync();
            },
            mget => mget > 0
        );
        output.WriteLine(
            $"Redis faults: {_requests} storefront requests, {_faults} faults injected (4 stops, 1 DEBUG "
                + "SLEEP 1.5 s, 1 CLIENT PAUSE 1.5 s), 0 errors, every answer equal to the healthy one."
        );
    }

    /// <summary>MGETs the restarted server has run; 0 while the test's own admin connection is still reconnecting to
    /// it.</summary>
    private async Task<long> MgetCallsAsync()
    {
        try
        {
            return await _admin.CallsAsync("mget");
        }
        catch (StackExchange.Redis.RedisConnectionException)
        {
            return 0;
        }
    }

    /// <summary>Each customer's scores, asked by 4 concurrent clients; fails on any error or non-200.</summary>
    private async Task<Dictionary<string, string>> QueryAllAsync(int count = 40)
    {
        var ids = Customers.Take(count).ToArray();
        var answers = new Dictionary<string, string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            using var client = _api.CreateClientWithKey(_storefrontKey);
            using var response = await client.PostAsJsonAsync(
                "/graphql",
                new { query = CustomerScores, variables = new { id } }
            );
            var body = await response.Content.ReadAsStringAsync();
            Interlocked.Increment(ref _requests);
            Assert.True(response.IsSuccessStatusCode, $"{id}: {(int)response.StatusCode} {body}");
            var json = JsonDocument.Parse(body).RootElement;
            Assert.False(json.TryGetProperty("errors", out var errors), $"{id}: {errors}");
            lock (answers)
                answers[id] = json.GetProperty("data").ToString();
        });
        return answers;
    }

    private static void AssertSame(Dictionary<string, string> healthy, Dictionary<string, string> now, string phase)
    {
        foreach (var (id, answer) in now)
            Assert.True(healthy[id] == answer, $"{phase}: {id} answered {answer}, healthy {healthy[id]}");
    }
}
