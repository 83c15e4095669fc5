using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Http;

/// <summary>The operations of schema/operations run by sha256 `documentId`, by `id` (hash or operation name).</summary>
public sealed partial class PersistedOperationTests(HttpTestApi api, PersistedOperationsOnlyApi persistedOnlyApi)
    : IClassFixture<HttpTestApi>,
        IClassFixture<PersistedOperationsOnlyApi>
{
    private static readonly string OperationsDirectory = Path.Combine(AppContext.BaseDirectory, "operations");

    public static TheoryData<string> OperationFiles() =>
        [
            .. Directory
                .EnumerateFiles(OperationsDirectory, "*.graphql")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(),
        ];

    [Theory]
    [MemberData(nameof(OperationFiles))]
    public async Task Each_operation_runs_by_its_sha256_documentId_and_by_id(string file)
    {
        var (hash, name, variables) = Operation(file);

        foreach (var (property, id) in new[] { ("documentId", "sha256:" + hash), ("id", hash), ("id", name) })
        {
            var (status, body) = await PostAsync(api, $"{{\"{property}\":\"{id}\",\"variables\":{variables}}}");

            Assert.True(status == HttpStatusCode.OK, $"{file} by {property} {id}: {status} {body}");
            Assert.True(
                body.RootElement.TryGetProperty("data", out _),
                $"{file} by {property} {id}: {body.RootElement}"
            );
        }
    }

    [Fact]
    public async Task A_persisted_query_runs_over_GET_by_id()
    {
        var (hash, _, _) = Operation("crm-lifecycle-dashboard.graphql");
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/graphql?id=" + hash);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lifecycleStages", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_id_is_400()
    {
        var (status, body) = await PostAsync(api, """{"documentId":"sha256:0000"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Unknown persisted document", ErrorMessage(body));
    }

    [Fact]
    public async Task With_persisted_operations_only_a_query_text_is_refused_and_a_persisted_operation_runs()
    {
        var (refusedStatus, refused) = await PostAsync(
            persistedOnlyApi,
            """{"query":"{ lifecycleStages { stage } }"}"""
        );
        var (persistedStatus, persisted) = await PostAsync(persistedOnlyApi, """{"id":"CrmLifecycleDashboard"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("Only persisted operations", ErrorMessage(refused));
        Assert.Equal(HttpStatusCode.OK, persistedStatus);
        Assert.True(persisted.RootElement.GetProperty("data").GetProperty("lifecycleStages").GetArrayLength() > 0);
    }

    private static (string Hash, string Name, string Variables) Operation(string file)
    {
        var path = Path.Combine(OperationsDirectory, file);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var name = OperationName().Match(text).Groups[1].Value;
        var variablesFile = Path.Combine(RepositoryOperations(), Path.ChangeExtension(file, ".variables.json"));
        return (hash, name, File.Exists(variablesFile) ? File.ReadAllText(variablesFile) : "null");
    }

    private static string RepositoryOperations()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "schema", "operations")))
                return Path.Combine(dir.FullName, "schema", "operations");
        throw new DirectoryNotFoundException("schema/operations");
    }

    private static string ErrorMessage(JsonDocument body) =>
        body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString() ?? "";

    private static async Task<(HttpStatusCode Status, JsonDocument Body)> PostAsync(ApiFactory factory, string json)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(
            "/graphql",
            new StringContent(json, Encoding.UTF8, "application/json")
        );
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex(@"(?:query|mutation|subscription)\s+(\w+)")]
    private static partial Regex OperationName();
}

public sealed class PersistedOperationsOnlyApi()
    : ApiFactory(new Dictionary<string, string?> { ["GraphQL:PersistedOperationsOnly"] = "true" });
