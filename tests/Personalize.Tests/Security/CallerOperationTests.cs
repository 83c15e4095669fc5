using System.Text.Json;
using Personalize.Access;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Security;

/// <summary>Each real caller's operations (schema/operations) run without errors under the key that caller would
/// hold.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class CallerOperationTests(DemoStoreFactory store)
{
    private static readonly string OperationsDirectory = RepositoryFiles.PathOf("schema/operations");

    /// <summary>The scope each caller's key holds, by file name prefix; writes by the storefront's tracking use its key
    /// too.</summary>
    private static string ScopeOf(string file) =>
        file switch
        {
            _ when file.StartsWith("storefront-") => Scopes.Storefront,
            "tracking-track-interaction.graphql"
            or "tracking-record-survey-response.graphql"
            or "tracking-record-conversion.graphql" => Scopes.Storefront,
            _ when file.StartsWith("email-") => Scopes.Email,
            "crm-lifecycle-dashboard.graphql" or "crm-kpi-dashboard.graphql" or "crm-experiment-results.graphql" =>
                Scopes.Analytics,
            _ when file.StartsWith("dashboard-") => Scopes.Analytics,
            _ => Scopes.Admin,
        };

    public static TheoryData<string> Files() =>
        [
            .. Directory
                .EnumerateFiles(OperationsDirectory, "*.graphql")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(),
        ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_operation_runs_under_its_callers_scope(string file)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(OperationsDirectory, file));
        var variablesFile = Path.ChangeExtension(Path.Combine(OperationsDirectory, file), ".variables.json");
        var variables = File.Exists(variablesFile)
            ? JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(variablesFile))
            : (JsonElement?)null;

        var result = await store.GraphQLAsync(query, variables, apiKey: await store.CreateKeyAsync(ScopeOf(file)));

        Assert.False(result.TryGetProperty("errors", out var errors), $"{file} under {ScopeOf(file)}: {errors}");
    }
}
