using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Personalize.Access;

namespace Personalize.Tests.Security;

/// <summary>Keys, tokens and scopes against the real pipeline configured as in Production.</summary>
public sealed class AccessTests(SecuredApi api) : IClassFixture<SecuredApi>, IAsyncLifetime
{
    private string _admin = "",
        _storefront = "",
        _email = "",
        _analytics = "";

    public async Task InitializeAsync()
    {
        (_admin, _storefront, _email, _analytics) = (
            await api.CreateKeyAsync(Scopes.Admin),
            await api.CreateKeyAsync(Scopes.Storefront),
            await api.CreateKeyAsync(Scopes.Email),
            await api.CreateKeyAsync(Scopes.Analytics)
        );
        await api.GraphQLAsync(
            """mutation { upsertCustomer(input: { id: "ACC-1", email: "ann@example.com", name: "Ann Access" }) { errors { message } } }""",
            apiKey: _admin
        );
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const string CustomerWithPii = """{ customer(id: "ACC-1") { id lifecycleStage email name } }""";

    [Fact]
    public async Task Without_credentials_a_request_is_401_with_a_clear_error()
    {
        using var client = api.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            "UNAUTHENTICATED",
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()
        );
    }

    [Fact]
    public async Task An_unknown_or_revoked_key_is_401()
    {
        var key = await api.CreateKeyAsync(Scopes.Storefront);
        Assert.False((await api.GraphQLAsync("{ __typename }", apiKey: key)).TryGetProperty("errors", out _));

        var store = api.Services.GetRequiredService<ApiKeyStore>();
        var info = (await store.ListAsync()).Single(k => key.StartsWith(k.Prefix) && k.RevokedAt is null);
        Assert.Equal(1, await store.RevokeAsync(info.Name));

        foreach (var refused in new[] { key, ApiKeyStore.KeyPrefix + "not-a-key" })
        {
            using var client = api.CreateClientWithKey(refused);
            using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var key = await api.CreateKeyAsync(Scopes.Storefront);
        await using var db = await api
            .Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Personalize.Data.PersonalizeDbContext>>()
            .CreateDbContextAsync();
        var stored = db.ApiKeys.ToList();
        Assert.DoesNotContain(stored, k =>
            k.Hash.Contains(key[10..]) || k.Name.Contains(key) || k.Scopes.Contains(key)
        );
        Assert.Contains(stored, k =>
            k.Hash
            == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))
        );
    }

    [Fact]
    public async Task A_storefront_key_reads_one_customer_but_a_document_selecting_PII_is_refused_with_each_path()
    {
        var allowed = await api.GraphQLAsync(
            """{ customer(id: "ACC-1") { id lifecycleStage } }""",
            apiKey: _storefront
        );
        Assert.Equal(
            "PROSPECT",
            allowed.GetProperty("data").GetProperty("customer").GetProperty("lifecycleStage").GetString()
        );

        var result = await api.GraphQLAsync(CustomerWithPii, apiKey: _storefront);

        Assert.False(
            result.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null,
            "the refused document ran"
        );
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            ["customer/email", "customer/name"],
            errors
                .Select(e => string.Join("/", e.GetProperty("path").EnumerateArray().Select(p => p.ToString())))
                .Order()
        );
        Assert.All(errors, e => Assert.Equal("FORBIDDEN", e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Contains("email or admin", errors[0].GetProperty("message").GetString());
    }

    /// <summary>The attacks that once worked, each by another route through the document.</summary>
    [Theory]
    [InlineData(
        Scopes.Storefront,
        """query($c: String, $p: String) { customer(id: "ACC-1") { segments { customers(first: 1, where: { id: { eq: $c }, email: { startsWith: $p } }) { totalCount } } } }""",
        "customer"
    )]
    [InlineData(
        Scopes.Analytics,
        """query($p: String) { segments(first: 5) { nodes { customers(first: 1, where: { email: { startsWith: $p } }) { totalCount } } } }""",
        "segments/nodes/customers"
    )]
    [InlineData(
        Scopes.Analytics,
        """{ segments(first: 5) { nodes { customers(first: 1, order: [{ email: ASC }]) { nodes { id } } } } }""",
        "segments/nodes/customers"
    )]
    [InlineData(
        Scopes.Analytics,
        """query($o: [CustomerSortInput!]) { customers(first: 1, order: $o) { nodes { id } } }""",
        "customers"
    )]
    [InlineData(
        Scopes.Storefront,
        """{ customer(id: "ACC-1") { ...Members } } fragment Members on Customer { segments { customers(first: 5) { nodes { id totalSpent } } } }""",
        "customer/segments/customers"
    )]
    [InlineData(
        Scopes.Storefront,
        """{ customer(id: "ACC-1") { ... on Customer { mail: email } } }""",
        "customer/mail"
    )]
    [InlineData(
        Scopes.Storefront,
        """{ a: customer(id: "ACC-1") { id } b: customer(id: "ACC-1") { segments { all: customers { totalCount } } } }""",
        "b/segments/all"
    )]
    [InlineData(
        Scopes.Analytics,
        """{ customers(first: 1) { nodes { ...Pii } } } fragment Pii on Customer { id ... on Customer { name } }""",
        "customers/nodes/name"
    )]
    public async Task Nested_fragmented_and_aliased_paths_are_refused_before_anything_runs(
        string scope,
        string query,
        string path
    )
    {
        var key = await api.CreateKeyAsync(scope);
        // Twice: the second time the document comes from the document cache.
        foreach (var _ in new[] { 1, 2 })
        {
            var result = await api.GraphQLAsync(
                query,
                new
                {
                    c = "ACC-1",
                    p = "a",
                    o = new[] { new { name = "ASC" } },
                },
                apiKey: key
            );

            Assert.False(
                result.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null,
                $"ran: {result}"
            );
            var error = result.GetProperty("errors")[0];
            Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.StartsWith(
                path,
                string.Join("/", error.GetProperty("path").EnumerateArray().Select(p => p.ToString()))
            );
        }
    }

    [Fact]
    public async Task A_persisted_document_and_a_GET_are_checked_like_a_query_text()
    {
        using var client = api.CreateClientWithKey(await api.CreateKeyAsync(Scopes.Storefront));
        using var persisted = await client.PostAsJsonAsync(
            "/graphql",
            new { id = "CrmSegmentPreview", variables = new { rule = new { country = new { eq = "FR" } } } }
        );
        var body = JsonDocument.Parse(await persisted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            "FORBIDDEN",
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()
        );

        var query = Uri.EscapeDataString("""{ customer(id: "ACC-1") { segments { customers { totalCount } } } }""");
        using var get = await client.GetAsync($"/graphql?query={query}");
        body = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            "FORBIDDEN",
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()
        );
        Assert.False(body.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task The_email_and_admin_scopes_read_PII()
    {
        foreach (var key in new[] { _email, _admin })
        {
            var result = await api.GraphQLAsync(CustomerWithPii, apiKey: key);
            Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
            Assert.Equal(
                "ann@example.com",
                result.GetProperty("data").GetProperty("customer").GetProperty("email").GetString()
            );
        }
    }

    [Theory]
    [InlineData(Scopes.Storefront, "{ customers(first: 1) { totalCount } }", "customers")]
    [InlineData(Scopes.Storefront, "{ lifecycleStages { stage } }", "lifecycleStages")]
    [InlineData(
        Scopes.Analytics,
        """mutation { upsertCustomer(input: { id: "X" }) { errors { message } } }""",
        "upsertCustomer"
    )]
    [InlineData(
        Scopes.Storefront,
        """mutation { eraseCustomer(id: "ACC-1") { errors { message } } }""",
        "eraseCustomer"
    )]
    [InlineData(Scopes.Email, """{ exportCustomer(id: "ACC-1") { json } }""", "exportCustomer")]
    [InlineData(
        Scopes.Analytics,
        """{ customers(first: 5, where: { email: { startsWith: "a" } }) { totalCount } }""",
        "customers"
    )]
    [InlineData(Scopes.Analytics, """{ customers(first: 5, order: [{ name: ASC }]) { totalCount } }""", "customers")]
    public async Task A_root_field_outside_the_callers_scopes_is_FORBIDDEN(string scope, string query, string field)
    {
        var result = await api.GraphQLAsync(query, apiKey: await api.CreateKeyAsync(scope));

        var error = result.GetProperty("errors")[0];
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task Analytics_lists_and_counts_customers_without_PII()
    {
        var result = await api.GraphQLAsync(
            """{ customers(first: 5, where: { country: { eq: null } }) { totalCount nodes { id lifecycleStage } } lifecycleStages { stage customerCount } }""",
            apiKey: _analytics
        );
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
    }

    [Fact]
    public async Task A_storefront_key_records_survey_answers_but_not_orders()
    {
        var survey = await api.GraphQLAsync(
            """mutation { recordSurveyResponse(input: { customerId: "ACC-1", kind: NPS, score: 9 }) { errors { message } } }""",
            apiKey: _storefront
        );
        var order = await api.GraphQLAsync(
            """
            mutation { recordOrder(input: { customerId: "ACC-1", orderId: "O-ACC", orderedAt: "2026-11-01T10:00:00Z", amount: 10 }) { errors { message } } }
            """,
            apiKey: _storefront
        );

        Assert.Equal(
            0,
            survey.GetProperty("data").GetProperty("recordSurveyResponse").GetProperty("errors").GetArrayLength()
        );
        Assert.Equal("recordOrder", order.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.Equal(
            "FORBIDDEN",
            order.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()
        );
    }

    [Fact]
    public async Task A_JWT_with_a_scope_claim_is_accepted_and_a_badly_signed_one_is_401()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            Token(SecuredApi.JwtSigningKey, "analytics storefront")
        );
        using var ok = await client.PostAsJsonAsync(
            "/graphql",
            new { query = "{ lifecycleStages { stage } customer(id: \"ACC-1\") { id } }" }
        );
        var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(6, body.GetProperty("data").GetProperty("lifecycleStages").GetArrayLength());
        using var pii = await client.PostAsJsonAsync(
            "/graphql",
            new { query = "{ customer(id: \"ACC-1\") { email } }" }
        );
        body = JsonDocument.Parse(await pii.Content.ReadAsStringAsync()).RootElement;
        // email: not in analytics or storefront
        Assert.Equal("customer", body.GetProperty("errors")[0].GetProperty("path")[0].GetString());

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            Token("another-signing-key-of-at-least-32-bytes-000", "admin")
        );
        using var refused = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Introspection_is_refused_in_Production()
    {
        var result = await api.GraphQLAsync("{ __schema { queryType { name } } }", apiKey: _admin);
        Assert.Contains("Introspection", result.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task CORS_allows_the_configured_origin_only()
    {
        using var client = api.CreateClient();
        foreach (
            var (origin, allowed) in new[] { (SecuredApi.AllowedOrigin, true), ("https://evil.example.test", false) }
        )
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
            using var response = await client.SendAsync(preflight);
            Assert.Equal(
                allowed,
                response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values)
                    && values.Single() == origin
            );
        }
    }

    private static string Token(string signingKey, string scope) =>
        new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = SecuredApi.JwtIssuer,
                Audience = SecuredApi.JwtAudience,
                Subject = new ClaimsIdentity([new Claim("sub", "crm-tool"), new Claim("scope", scope)]),
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(
                    new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
                    SecurityAlgorithms.HmacSha256
                ),
            }
        );
}
