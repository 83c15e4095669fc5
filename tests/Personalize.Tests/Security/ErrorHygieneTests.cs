using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Personalize.Access;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Security;

/// <summary>What errors say in Production: what was wrong and where, never the schema's other names, a .NET type or an
/// exception's text.</summary>
public sealed class ErrorHygieneTests(SecuredApi api) : IClassFixture<SecuredApi>
{
    [Fact]
    public async Task Production_suggests_no_field_names_and_development_does()
    {
        const string Typo = """{ customer(id: "X") { emial } }""";
        var production = await api.GraphQLAsync(Typo, apiKey: await api.CreateKeyAsync(Scopes.Admin));
        var message = production.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Contains("emial", message);
        Assert.DoesNotContain("Did you mean", message);

        using var development = new ApiFactory();
        var suggested = await development.GraphQLAsync(Typo);
        Assert.Contains("Did you mean", suggested.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Development_lists_an_enums_values_after_a_wrong_one_as_literal_or_variable_and_production_does_not()
    {
        const string Literal =
            """mutation { createContentItem(input: { id: "x-1", kind: PODCAST, title: "t" }) { errors { message } } }""";
        const string Variable =
            """mutation($k: ContentKind) { createContentItem(input: { id: "x-1", kind: $k, title: "t" }) { errors { message } } }""";
        using var development = new ApiFactory();
        foreach (var query in new[] { Literal, Variable })
        {
            var message = (await development.GraphQLAsync(query, new { k = "PODCAST" }))
                .GetProperty("errors")[0]
                .GetProperty("message")
                .GetString();
            Assert.EndsWith(
                "ContentKind is one of: ARTICLE, GUIDE, TUTORIAL, CASE_STUDY, WEBINAR, VIDEO, TESTIMONIAL, PRODUCT.",
                message
            );
        }
        var production = await api.GraphQLAsync(Literal, apiKey: await api.CreateKeyAsync(Scopes.Admin));
        Assert.DoesNotContain("one of", production.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_forged_cursor_and_malformed_bodies_name_no_dotnet_type()
    {
        var cursor = Convert
            .ToBase64String(Encoding.UTF8.GetBytes("""{"k":["totalSpent:d",{"a":1},1]}"""))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');
        var forged = await api.GraphQLAsync(
            $$"""{ customers(first: 1, after: "{{cursor}}", order: [{ totalSpent: DESC }]) { totalCount } }""",
            apiKey: await api.CreateKeyAsync(Scopes.Analytics)
        );
        var messages = new List<string> { forged.GetProperty("errors")[0].GetProperty("message").GetString()! };
        Assert.Contains("after", messages[0]);

        using var client = api.CreateClientWithKey(await api.CreateKeyAsync(Scopes.Admin));
        foreach (
            var body in new[]
            {
                """{"query": 5}""",
                """{"query": "{ __typename }", "variables": [1]}""",
                """[{"query": 1}]""",
                """{"query": """,
                "",
            }
        )
        {
            using var response = await client.PostAsync(
                "/graphql",
                new StringContent(body, Encoding.UTF8, "application/json")
            );
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            messages.Add(
                JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("errors")[0]
                    .GetProperty("message")
                    .GetString()!
            );
        }
        Assert.All(messages, m =>
            Assert.DoesNotMatch(@"System\.|Decimal|Int32|Int64|Double|GraphQL\.|Exception|Dictionary", m)
        );
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        using var client = api.CreateClientWithKey(await api.CreateKeyAsync(Scopes.Admin));
        var padding = new string(' ', 2 * 1_048_576);
        var content = new StreamContent(
            new MemoryStream(Encoding.UTF8.GetBytes($$"""{"query": "{ __typename }"{{padding}}}"""))
        );
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
