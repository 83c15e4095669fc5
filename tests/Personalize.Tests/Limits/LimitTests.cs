using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GraphQLParser;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Access;
using Personalize.Api.Http;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Limits;

/// <summary>The service with small limits, so that going over each is cheap to send.</summary>
public sealed class LimitedApi()
    : ApiFactory(
        new Dictionary<string, string?>
        {
            ["GraphQL:MaxComplexity"] = "300",
            ["GraphQL:MaxAliases"] = "3",
            ["RateLimit:Permits"] = "1",
            ["RateLimit:PeriodSeconds"] = "3600",
            ["RateLimit:Burst"] = "3",
        }
    );

public sealed class LimitTests(LimitedApi api) : IClassFixture<LimitedApi>
{
    private const string FourAliases = "{ a: __typename b: __typename c: __typename d: __typename }";
    private const string ComplexQuery = "{ customers(first: 100) { nodes { id orders(first: 10) { nodes { id } } } } }";

    [Fact]
    public async Task More_aliases_than_allowed_is_a_400_with_TOO_MANY_ALIASES()
    {
        var (status, body) = await PostAsync(new { query = FourAliases });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("TOO_MANY_ALIASES", Code(body));
        Assert.Equal(
            HttpStatusCode.OK,
            (await PostAsync(new { query = "{ a: __typename b: __typename c: __typename }" })).Status
        );
    }

    [Fact]
    public async Task A_query_whose_page_sizes_multiply_past_the_complexity_limit_is_a_400()
    {
        var (status, body) = await PostAsync(new { query = ComplexQuery });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too complex", body.GetProperty("errors")[0].GetProperty("message").GetString());
        // The same shape with small pages is fine: list sizes come from first/last.
        Assert.Equal(
            HttpStatusCode.OK,
            (await PostAsync(new { query = ComplexQuery.Replace("100", "5").Replace("10", "2") })).Status
        );
    }

    [Fact]
    public async Task Limits_apply_to_documents_from_the_cache()
    {
        var cache = api.Services.GetRequiredService<DocumentCache>();
        var hitsBefore = cache.Hits;
        foreach (var query in new[] { FourAliases + " ", ComplexQuery + " " })
        {
            cache.Store(query, Parser.Parse(query)); // as if it had been cached before the limits were lowered

            var (status, body) = await PostAsync(new { query });

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.NotEqual(JsonValueKind.Undefined, body.GetProperty("errors").ValueKind);
        }
        Assert.Equal(hitsBefore + 2, cache.Hits);
    }

    [Fact]
    public async Task Limits_apply_to_persisted_operations()
    {
        // complexity 756
        var (status, body) = await PostAsync(new { id = "CrmContentLibrary", variables = new { tag = "hiking" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too complex", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_key_over_its_rate_is_429_with_Retry_After_and_other_keys_go_on()
    {
        var limited = await api.CreateKeyAsync(Scopes.Storefront);
        var other = await api.CreateKeyAsync(Scopes.Storefront);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        using var client = api.CreateClientWithKey(limited);
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                rejected ??= response;
        }

        Assert.Equal(
            [
                HttpStatusCode.OK,
                HttpStatusCode.OK,
                HttpStatusCode.OK,
                HttpStatusCode.TooManyRequests,
                HttpStatusCode.TooManyRequests,
            ],
            statuses
        );
        Assert.True(int.Parse(rejected!.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("RATE_LIMITED", Code(JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement));
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await api.CreateClientWithKey(other).PostAsJsonAsync("/graphql", new { query = "{ __typename }" })
            ).StatusCode
        );
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object request)
    {
        using var client = api.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(request),
        };
        message.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await client.SendAsync(message);
        return (
            response.StatusCode,
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
        );
    }

    private static string? Code(JsonElement body) =>
        body.GetProperty("errors")[0].TryGetProperty("extensions", out var e) && e.TryGetProperty("code", out var c)
            ? c.GetString()
            : null;
}

/// <summary>An execution timeout of 1 ms: a year of daily KPI points (hundreds of statements, one after another) takes
/// longer.</summary>
public sealed class TimeoutApi() : ApiFactory(new Dictionary<string, string?> { ["GraphQL:ExecutionTimeoutMs"] = "1" });

public sealed class ExecutionTimeoutTests(TimeoutApi api) : IClassFixture<TimeoutApi>
{
    [Fact]
    public async Task An_operation_over_the_timeout_is_cancelled_with_504_and_TIMEOUT()
    {
        using var client = api.CreateClient();
        using var response = await client.PostAsJsonAsync(
            "/graphql",
            new
            {
                query = """{ kpiTrend(metric: RETENTION_RATE, from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: DAY) { start value } }""",
            }
        );

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            "TIMEOUT",
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()
        );
    }
}
