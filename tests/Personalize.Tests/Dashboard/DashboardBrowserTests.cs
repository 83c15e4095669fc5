using System.Text.Json;
using Personalize.Access;
using Personalize.Tests.Http;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium (Debian's chromium) against the service on Kestrel: every view of the demo store
/// draws its charts with data, with an analytics key, without console errors and without a request to another host; a
/// storefront key is refused and the page asks for an analytics key; an empty store shows empty states, not charts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(DashboardBrowserTests.DemoStore store, ITestOutputHelper output)
    : IClassFixture<DashboardBrowserTests.DemoStore>
{
    public static readonly string[] Views =
    [
        "kpis",
        "acquisition",
        "stages",
        "clv-segments",
        "cohorts",
        "experiments",
        "offers",
        "clv-fit",
    ];

    /// <summary>The demo store, served on Kestrel for the browser.</summary>
    public sealed class DemoStore() : IDisposable
    {
        public KestrelApi Api { get; } =
            new(
                new Dictionary<string, string?>
                {
                    ["Seed:Demo"] = "true",
                    ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
                    ["GraphQL:ExecutionTimeoutMs"] = "120000",
                }
            );

        public void Dispose() => Api.Dispose();
    }

    private async Task<JsonElement> BrowseAsync(KestrelApi api, string? key, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "personalize-dashboard", name);
        var arguments = new List<string> { api.BaseUrl + "/dashboard/", folder };
        if (key is not null)
            arguments.Add(key);
        var run = await NodeScripts.RunAsync("browse-dashboard.mjs", arguments, TimeSpan.FromMinutes(4));
        output.WriteLine(run.ToString());
        output.WriteLine($"screenshots: {folder}");
        var report = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.True(report.GetProperty("ready").GetBoolean());
        Assert.Empty(report.GetProperty("externalRequests").EnumerateArray());
        Assert.Empty(report.GetProperty("consoleErrors").EnumerateArray());
        return report;
    }

    [Fact]
    public async Task Every_view_draws_the_demo_store_with_an_analytics_key()
    {
        var report = await BrowseAsync(store.Api, await store.Api.CreateKeyAsync(Scopes.Analytics), "analytics");

        Assert.False(report.GetProperty("keyFormShown").GetBoolean());
        var views = report.GetProperty("views");
        Assert.Equal(Views.Order(), views.EnumerateObject().Select(v => v.Name).Order());
        foreach (var view in views.EnumerateObject())
        {
            Assert.True(view.Value.GetProperty("state").GetString() == "ready", $"{view.Name}: {view.Value}");
            var charts = view.Value.GetProperty("charts").EnumerateArray().ToList();
            Assert.True(charts.Count > 0, $"{view.Name} drew no chart");
            Assert.All(charts, c =>
                Assert.True(
                    c.GetProperty("drawn").GetBoolean() && c.GetProperty("points").GetInt32() > 0,
                    $"{view.Name}: {c}"
                )
            );
        }
        Assert.Equal(11, views.GetProperty("kpis").GetProperty("charts").GetArrayLength());
        // No personal data on the page: the demo store's e-mail addresses and names are not shown anywhere.
        Assert.DoesNotContain(views.EnumerateObject(), v =>
            v.Value.GetProperty("text").GetString()!.Contains("@example.com")
        );
    }

    [Fact]
    public async Task A_storefront_key_is_refused_and_the_page_asks_for_an_analytics_key()
    {
        var report = await BrowseAsync(store.Api, await store.Api.CreateKeyAsync(Scopes.Storefront), "storefront");

        Assert.True(report.GetProperty("keyFormShown").GetBoolean());
        Assert.Contains("analytics", report.GetProperty("keyReason").GetString());
        Assert.Contains("this caller has storefront", report.GetProperty("keyReason").GetString());
        Assert.All(report.GetProperty("views").EnumerateObject(), v =>
            Assert.NotEqual("ready", v.Value.GetProperty("state").GetString())
        );
    }

    [Fact]
    public async Task An_empty_store_shows_an_empty_state_in_every_view()
    {
        await using var empty = new KestrelApi();
        var report = await BrowseAsync(empty, null, "empty");

        foreach (var view in report.GetProperty("views").EnumerateObject())
        {
            Assert.True(view.Value.GetProperty("state").GetString() == "empty", $"{view.Name}: {view.Value}");
            Assert.Empty(view.Value.GetProperty("charts").EnumerateArray());
        }
        Assert.Contains(
            "No customers yet",
            report.GetProperty("views").GetProperty("kpis").GetProperty("text").GetString()
        );
    }
}
