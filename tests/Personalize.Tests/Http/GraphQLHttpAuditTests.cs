using Xunit.Abstractions;

namespace Personalize.Tests.Http;

/// <summary>graphql-http's audit (the GraphQL-over-HTTP spec's own checks) against the service on Kestrel.</summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_MUST_and_SHOULD_of_the_GraphQL_over_HTTP_audit_passes()
    {
        await using var api = new KestrelApi();

        var run = await NodeScripts.RunAsync("audit.mjs", [api.GraphQLUrl], TimeSpan.FromMinutes(2));
        output.WriteLine(run.ToString());

        Assert.Matches(@"MUST: [1-9]\d* passed, 0 failed", run.StandardOutput);
        Assert.Matches(@"SHOULD: [1-9]\d* passed, 0 failed", run.StandardOutput);
        Assert.Equal(0, run.ExitCode);
    }
}
