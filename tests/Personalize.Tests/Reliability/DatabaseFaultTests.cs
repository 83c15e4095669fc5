using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Personalize.Access;
using Personalize.Data;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Reliability;

/// <summary>
/// The SQLite file vanishes under the running service (a directory takes its place, so it cannot be opened or
/// re-created): reads and writes get 503 with SERVICE_UNAVAILABLE at once, and answers come back when the file does.
/// </summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly ApiFactory _api = ApiFactory.With(
        new Dictionary<string, string?> { ["Access:KeyCacheSeconds"] = "0" }
    );

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task While_the_database_is_gone_requests_get_a_quick_503_and_the_service_recovers_without_restart()
    {
        await _api.DataAsync(
            """mutation { upsertCustomer(input: { id: "DB-1", country: "FR" }) { errors { message } } }"""
        );
        var key = await _api.CreateKeyAsync(Scopes.Storefront);
        var database = Path.Combine(_api.Directory, "test.db");
        var aside = Directory.CreateDirectory(Path.Combine(_api.Directory, "aside")).FullName;
        int requests = 0,
            unavailable = 0;

        SqliteConnection.ClearAllPools();
        KeptOpenSqliteConnection.ClearAll();
        var files = new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(database + suffix)).ToList();
        foreach (var suffix in files)
            File.Move(database + suffix, Path.Combine(aside, "test.db" + suffix));
        Directory.CreateDirectory(database);
        try
        {
            foreach (
                var (query, apiKey) in new[]
                {
                    ("""{ customer(id: "DB-1") { id country } }""", (string?)null),
                    ("""mutation { upsertCustomer(input: { id: "DB-2" }) { errors { message } } }""", null),
                    ("""{ customer(id: "DB-1") { id } }""", key), // the key itself cannot be checked
                }
            )
                for (var i = 0; i < 10; i++)
                {
                    var (status, retryAfter, body) = await PostAsync(query, apiKey);
                    requests++;
                    Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{query}: {status} {body}");
                    Assert.Equal("1", retryAfter);
                    Assert.Contains(body.GetProperty("errors").EnumerateArray(), e =>
                        e.GetProperty("extensions").GetProperty("code").GetString() == "SERVICE_UNAVAILABLE"
                    );
                    unavailable++;
                }
            using var ready = await _api.CreateClient().GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            Directory.Delete(database);
            foreach (var suffix in files)
                File.Move(Path.Combine(aside, "test.db" + suffix), database + suffix);
        }

        var (okStatus, _, okBody) = await PostAsync("""{ customer(id: "DB-1") { id country } }""", key);
        Assert.True(okStatus == HttpStatusCode.OK, okBody.ToString());
        Assert.Equal("FR", okBody.GetProperty("data").GetProperty("customer").GetProperty("country").GetString());
        Assert.Equal(
            0,
            (await _api.DataAsync("""mutation { upsertCustomer(input: { id: "DB-2" }) { errors { message } } }"""))
                .GetProperty("upsertCustomer")
                .GetProperty("errors")
                .GetArrayLength()
        );
        output.WriteLine(
            $"Database gone: {requests} requests, {unavailable} answered 503 SERVICE_UNAVAILABLE with "
                + "Retry-After, 0 other outcomes; recovered without restart."
        );
    }

    private async Task<(HttpStatusCode Status, string? RetryAfter, JsonElement Body)> PostAsync(
        string query,
        string? apiKey
    )
    {
        using var client = _api.CreateClientWithKey(apiKey);
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return (
            response.StatusCode,
            retryAfter,
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
        );
    }
}
