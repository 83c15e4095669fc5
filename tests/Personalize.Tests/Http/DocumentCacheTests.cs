using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GraphQLParser;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Api.Http;

namespace Personalize.Tests.Http;

/// <summary>Repeated query texts are served parsed and validated from the cache; the depth and GET-only rules still
/// run.</summary>
public sealed class DocumentCacheTests(HttpTestApi api) : IClassFixture<HttpTestApi>
{
    private readonly HttpClient _client = api.CreateClient();
    private DocumentCache Cache => api.Services.GetRequiredService<DocumentCache>();

    [Fact]
    public async Task A_repeated_query_is_served_from_the_cache_with_the_same_result()
    {
        var query = "{ lifecycleStages { stage description } } # " + Guid.NewGuid();

        var first = await PostAsync(query);
        var hitsBefore = Cache.Hits;
        var second = await PostAsync(query);

        Assert.Equal(hitsBefore + 1, Cache.Hits);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Contains("lifecycleStages", second.Body);
    }

    [Fact]
    public async Task A_cached_document_still_has_to_pass_the_depth_limit()
    {
        var query = DeepQuery(levels: 30);
        var uncached = await PostAsync(query);
        Assert.Contains("errors", uncached.Body);

        // A document deeper than the limit never gets cached by a request; put it there to prove the rule runs on a
        // hit.
        Cache.Store(query, Parser.Parse(query));
        var hitsBefore = Cache.Hits;
        var cached = await PostAsync(query);

        Assert.Equal(hitsBefore + 1, Cache.Hits);
        Assert.Contains("nested", ErrorMessage(uncached.Body));
        Assert.Equal(ErrorMessage(uncached.Body), ErrorMessage(cached.Body));
        Assert.DoesNotContain("\"data\"", cached.Body);
    }

    [Fact]
    public async Task A_cached_document_skips_the_core_rules_it_already_passed()
    {
        // Breaks one core rule (an unused fragment) and nothing else: refused when parsed, run when served from the
        // cache.
        var query = "{ __typename } fragment Unused on Query { __typename } # " + Guid.NewGuid();
        var uncached = await PostAsync(query);
        Assert.Contains("Unused", ErrorMessage(uncached.Body));

        Cache.Store(query, Parser.Parse(query));
        var cached = await PostAsync(query);

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", cached.Body);
    }

    [Fact]
    public async Task A_cached_document_still_checks_its_variables()
    {
        var query = "query Q($first: Int!) { customers(first: $first) { totalCount } } # " + Guid.NewGuid();
        await PostAsync(query, new { first = 1 });

        var hitsBefore = Cache.Hits;
        var cached = await PostAsync(query, new { first = "many" });

        Assert.Equal(hitsBefore + 1, Cache.Hits);
        Assert.Contains("$first", ErrorMessage(cached.Body));
    }

    [Fact]
    public async Task A_mutation_cached_via_POST_is_still_refused_over_GET()
    {
        var query = "mutation { __typename } # " + Guid.NewGuid();
        var posted = await PostAsync(query);
        Assert.Equal(HttpStatusCode.OK, posted.Status);

        var hitsBefore = Cache.Hits;
        using var response = await _client.GetAsync("/graphql?query=" + Uri.EscapeDataString(query));

        Assert.Equal(hitsBefore + 1, Cache.Hits);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("only accepted with POST", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invalid_document_is_not_cached()
    {
        var query = "{ lifecycleStages { noSuchField } } # " + Guid.NewGuid();
        await PostAsync(query);

        var hitsBefore = Cache.Hits;
        var second = await PostAsync(query);

        Assert.Equal(hitsBefore, Cache.Hits);
        Assert.Contains("noSuchField", ErrorMessage(second.Body));
    }

    private static string DeepQuery(int levels) =>
        "{ __schema { types { fields { type "
        + string.Concat(Enumerable.Repeat("{ ofType ", levels))
        + "{ name }"
        + new string('}', levels)
        + " } } } }";

    private static string ErrorMessage(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("message").GetString() ?? "";

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string query, object? variables = null)
    {
        using var response = await _client.PostAsJsonAsync("/graphql", new { query, variables });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
