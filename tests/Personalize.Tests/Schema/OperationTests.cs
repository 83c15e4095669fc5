using System.Text.Json;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Schema;

/// <summary>
/// schema/operations holds the queries storefronts, email builders and CRM tools send. Each one runs here against the
/// demo store with the variables in its .variables.json file, and must succeed: no GraphQL errors, no payload errors.
/// </summary>
[Collection(DemoStoreCollection.Name)]
public sealed class OperationTests(DemoStoreFactory store)
{
    private static string[] OperationFiles() =>
        Directory
            .GetFiles(RepositoryFiles.PathOf("schema/operations"), "*.graphql")
            .Select(p => Path.GetFileName(p))
            .Order()
            .ToArray();

    public static TheoryData<string> Operations() => new(OperationFiles());

    [Fact]
    public void There_are_operations_for_storefronts_email_builders_and_crm_tools()
    {
        var names = OperationFiles();
        Assert.True(names.Length >= 10);
        Assert.Contains(names, n => n.StartsWith("storefront-"));
        Assert.Contains(names, n => n.StartsWith("email-"));
        Assert.Contains(names, n => n.StartsWith("crm-"));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_validates_and_runs_against_the_demo_store(string file)
    {
        var path = RepositoryFiles.PathOf(Path.Combine("schema/operations", file));
        var variablesPath = Path.ChangeExtension(path, ".variables.json");
        var variables = File.Exists(variablesPath)
            ? JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(variablesPath))
            : (object?)null;

        var result = await store.GraphQLAsync(File.ReadAllText(path), variables);

        Assert.False(result.TryGetProperty("errors", out var errors), $"{file}: {errors}");
        var data = result.GetProperty("data");
        foreach (var field in data.EnumerateObject())
        {
            Assert.NotEqual(JsonValueKind.Null, field.Value.ValueKind);
            if (
                field.Value.ValueKind == JsonValueKind.Object
                && field.Value.TryGetProperty("errors", out var payloadErrors)
            )
                Assert.True(payloadErrors.GetArrayLength() == 0, $"{file}: {field.Name}: {payloadErrors}");
        }
    }
}
