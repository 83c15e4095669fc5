using System.Text.Json;
using Xunit.Abstractions;

namespace Personalize.Tests.Http;

/// <summary>Banana Cake Pop in headless Chromium (Debian's chromium, installed by ./test.sh), against the service on
/// Kestrel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BananaCakePopBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_IDE_at_graphql_loads_the_schema_and_shows_its_types_without_the_internet()
    {
        await using var api = new KestrelApi();
        var screenshot = Path.Combine(
            System
                .IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "personalize-banana-cake-pop"))
                .FullName,
            "ide.png"
        );

        var run = await NodeScripts.RunAsync(
            "browse-ide.mjs",
            [api.GraphQLUrl, screenshot, "Customer"],
            TimeSpan.FromMinutes(3)
        );
        output.WriteLine(run.ToString());
        output.WriteLine($"screenshot: {screenshot}");

        var report = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.Equal(api.GraphQLUrl + "/", report.GetProperty("finalUrl").GetString());
        Assert.True(
            report.GetProperty("sdlShowsType").GetBoolean(),
            "The IDE's SDL view did not show `type Customer {`."
        );
        Assert.Empty(report.GetProperty("externalRequests").EnumerateArray());
        Assert.True(api.IntrospectionRequests > 0, "The server received no introspection query.");
        Assert.True(new FileInfo(screenshot).Length > 0);
    }
}

/// <summary>The browser test runs alone, after the parallel tests: a headless Chromium on two busy cores is slow to
/// render.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
