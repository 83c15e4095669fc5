using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Health;

public sealed class HealthEndpointTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(ApiFactory api, string path)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(path);
        return (
            response.StatusCode,
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
        );
    }

    [Fact]
    public async Task Live_and_ready_when_the_database_and_cache_answer()
    {
        using var api = new ApiFactory();
        var (liveStatus, live) = await GetAsync(api, "/healthz");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        var (readyStatus, ready) = await GetAsync(api, "/readyz");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(
            "Healthy",
            ready.GetProperty("checks").GetProperty("score-cache").GetProperty("status").GetString()
        );
    }

    [Fact]
    public async Task Not_ready_when_the_database_fails_but_still_live()
    {
        using var api = new ApiFactory();
        await GetAsync(api, "/healthz");
        await using (
            var db = await api
                .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE Segments RENAME TO SegmentsGone;");

        var (readyStatus, ready) = await GetAsync(api, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal(
            "Unhealthy",
            ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString()
        );
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api, "/healthz")).Status);
    }

    [Fact]
    public async Task Ready_but_degraded_while_Redis_is_down()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        using var api = new RedisApi(redis.ConnectionString);
        // The first checks may still wait on the connection to the new Redis, on a busy machine past its timeouts.
        await Eventually.ReadAsync(
            async () => (await GetAsync(api, "/readyz")).Body.GetProperty("status").GetString(),
            status => status == "Healthy"
        );

        await redis.StopAsync();
        var (status, body) = await GetAsync(api, "/readyz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal(
            "Degraded",
            body.GetProperty("checks").GetProperty("score-cache").GetProperty("status").GetString()
        );
    }

    private sealed class RedisApi(string redis)
        : ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis });
}
