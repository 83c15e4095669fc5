using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Http;

/// <summary>The GraphQL-over-HTTP rules of our endpoint (graphql.github.io/graphql-over-http), one per test.</summary>
public sealed class GraphQLHttpTests(HttpTestApi api) : IClassFixture<HttpTestApi>
{
    private const string Query = "{ lifecycleStages { stage customerCount } }";
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_POSTed_JSON_query_returns_data()
    {
        using var response = await _client.PostAsJsonAsync("/graphql", new { query = Query });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(
            (await JsonAsync(response)).GetProperty("data").GetProperty("lifecycleStages").GetArrayLength() > 0
        );
    }

    [Fact]
    public async Task A_query_in_the_query_string_of_a_GET_returns_data()
    {
        using var response = await _client.GetAsync("/graphql?query=" + Uri.EscapeDataString(Query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(
            (await JsonAsync(response)).GetProperty("data").GetProperty("lifecycleStages").GetArrayLength() > 0
        );
    }

    [Fact]
    public async Task A_mutation_over_GET_is_refused_with_405_and_Allow_POST()
    {
        using var response = await _client.GetAsync(
            "/graphql?query=" + Uri.EscapeDataString("mutation { __typename }")
        );

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Contains(
            "only accepted with POST",
            (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString()
        );
    }

    [Fact]
    public async Task An_unsupported_content_type_is_415()
    {
        using var response = await _client.PostAsync("/graphql", new StringContent(Query, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_400()
    {
        using var response = await _client.PostAsync(
            "/graphql",
            new StringContent("{ \"query\": ", Encoding.UTF8, "application/json")
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_validation_error_under_graphql_response_json_is_400_with_locations()
    {
        using var response = await PostAsync("{ lifecycleStages { noSuchField } }", GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GraphQLResponseJson, response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.False(body.TryGetProperty("data", out _));
        var location = body.GetProperty("errors")[0].GetProperty("locations")[0];
        Assert.Equal(1, location.GetProperty("line").GetInt32());
        Assert.Equal(21, location.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task A_validation_error_under_application_json_is_200()
    {
        using var response = await PostAsync("{ lifecycleStages { noSuchField } }", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "noSuchField",
            (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString()
        );
    }

    [Fact]
    public async Task A_JSON_array_is_a_batch_answered_by_an_array_in_the_same_order()
    {
        using var response = await _client.PostAsJsonAsync(
            "/graphql",
            new object[] { new { query = Query }, new { query = "{ __typename }" } }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await JsonAsync(response);
        Assert.Equal(2, results.GetArrayLength());
        Assert.True(results[0].GetProperty("data").TryGetProperty("lifecycleStages", out _));
        Assert.Equal("Query", results[1].GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var padding = new string(' ', HttpTestApi.MaxRequestBytes);
        using var response = await _client.PostAsJsonAsync("/graphql", new { query = Query + padding });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(
            $"{HttpTestApi.MaxRequestBytes} bytes",
            (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString()
        );
    }

    [Fact]
    public async Task A_query_nested_deeper_than_the_limit_gets_a_clear_error()
    {
        var nested = string.Concat(Enumerable.Repeat("ofType { ", 20)) + "name" + new string('}', 20);
        using var response = await PostAsync(
            $"{{ __schema {{ types {{ fields {{ type {{ {nested} }} }} }} }} }}",
            "application/json"
        );

        var error = (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains("nested", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("15", error);
    }

    [Fact]
    public async Task The_callers_correlation_id_is_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = Query }),
        };
        request.Headers.Add("X-Correlation-Id", "checkout-42");
        using var response = await _client.SendAsync(request);

        Assert.Equal("checkout-42", response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task An_unexpected_error_carries_the_correlation_id_and_hides_its_details()
    {
        await using var brokenApi = new ApiFactory();
        await using (
            var db = await brokenApi
                .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE Customers RENAME TO CustomersGone");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = Query }),
        };
        request.Headers.Add("X-Correlation-Id", "broken-7");

        using var response = await brokenApi.CreateClient().SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("broken-7", response.Headers.GetValues("X-Correlation-Id").Single());
        var error = JsonDocument.Parse(body).RootElement.GetProperty("errors")[0];
        Assert.Contains("broken-7", error.GetProperty("message").GetString());
        Assert.Equal("INTERNAL_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("Customers", body);
        Assert.DoesNotContain("SELECT", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", body);
    }

    private async Task<HttpResponseMessage> PostAsync(string query, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await _client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
