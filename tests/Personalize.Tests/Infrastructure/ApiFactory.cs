using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;

namespace Personalize.Tests.Infrastructure;

/// <summary>
/// The real service over the real HTTP pipeline, on a SQLite file of its own in a temp folder.
/// Extra settings (e.g. "Seed:Demo") may be passed in; the demo store is off unless asked for.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory()
        : this(null) { }

    protected ApiFactory(IDictionary<string, string?>? settings)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("personalize-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Personalize"] = $"Data Source={Path.Combine(Directory, "test.db")}",
            ["Seed:Demo"] = "false",
            // Tests refresh the recommendation snapshot themselves (RecommendationSnapshots.RefreshAsync): no
            // background statements while they count them.
            ["Recommendations:RefreshSeconds"] = "3600",
            // Tests that need the event scan run it themselves (TimeEventScanner.ScanAsync), so a tick cannot take
            // their events first.
            ["Events:ScanIntervalSeconds"] = "3600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public string Directory { get; }

    /// <summary>A service with these extra settings, for a test that needs its own.</summary>
    public static ApiFactory With(IDictionary<string, string?> settings) => new Configured(settings);

    private sealed class Configured(IDictionary<string, string?> settings) : ApiFactory(settings);

    public long SqlStatements => Services.GetRequiredService<SqlStatementCounter>().Count;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    /// <summary>
    /// POSTs an operation and returns the whole response body as JSON. Without <paramref name="apiKey"/> the request
    /// is anonymous and in-process, which outside Production means admin (Access:AnonymousLocalAdmin).
    /// </summary>
    public async Task<JsonElement> GraphQLAsync(
        string query,
        object? variables = null,
        string? operationName = null,
        string? apiKey = null
    )
    {
        using var client = CreateClientWithKey(apiKey);
        using var response = await client.PostAsJsonAsync(
            "/graphql",
            new
            {
                query,
                variables,
                operationName,
            }
        );
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A client sending <paramref name="apiKey"/> in the X-Api-Key header (none when null).</summary>
    public HttpClient CreateClientWithKey(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Creates an API key with these scopes (as `keys create` does) and returns it.</summary>
    public async Task<string> CreateKeyAsync(params string[] scopes) =>
        (
            await Services
                .GetRequiredService<Personalize.Access.ApiKeyStore>()
                .CreateAsync($"test-{Guid.NewGuid():N}", scopes)
        ).Key;

    /// <summary>Like <see cref="GraphQLAsync"/>, but fails the test when the response has errors; returns
    /// `data`.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var result = await GraphQLAsync(query, variables);
        if (result.TryGetProperty("errors", out var errors))
            Assert.Fail($"GraphQL errors: {errors}");
        return result.GetProperty("data");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException) { }
    }
}
