using System.Net;

namespace Personalize.Tests.Http;

/// <summary>How /graphql answers a browser (the IDE) and a GraphQL client, side by side.</summary>
public sealed class BananaCakePopTests(HttpTestApi api) : IClassFixture<HttpTestApi>
{
    private readonly HttpClient _client = api.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task A_browser_at_graphql_is_redirected_to_the_IDE_folder()
    {
        using var response = await _client.SendAsync(Get("/graphql", "text/html,application/xhtml+xml,*/*;q=0.8"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_IDE_folder_serves_the_IDE_page()
    {
        using var response = await _client.SendAsync(Get("/graphql/", "text/html"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Banana Cake Pop</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_IDE_config_points_at_the_browser_url_and_turns_telemetry_off()
    {
        var config = await _client.GetStringAsync("/graphql/bcp-config.json");

        Assert.Equal("""{"useBrowserUrlAsEndpoint":true,"disableTelemetry":true}""", config);
    }

    [Fact]
    public async Task The_IDE_license_is_served_beside_it()
    {
        Assert.Contains("ChilliCream License", await _client.GetStringAsync("/graphql/LICENSE.txt"));
    }

    [Theory]
    [InlineData("/graphql?query={__typename}", "text/html,application/xhtml+xml,*/*;q=0.8")]
    [InlineData("/graphql?query={__typename}", "application/json")]
    public async Task A_GET_with_a_query_reaches_GraphQL_whatever_it_accepts(string url, string accept)
    {
        using var response = await _client.SendAsync(Get(url, accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"__typename\":\"Query\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_GET_without_a_query_from_a_GraphQL_client_reaches_GraphQL()
    {
        using var response = await _client.SendAsync(Get("/graphql", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no `query`", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Get(string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }
}
