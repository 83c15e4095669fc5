using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Personalize.Access;
using Personalize.Data;

namespace Personalize.Api.Security;

/// <summary>
/// Authenticates `X-Api-Key: pz_...` (or `Authorization: ApiKey pz_...`) against the hashed keys in the database;
/// a checked key is remembered for <see cref="AccessOptions.KeyCacheSeconds"/>. Without credentials, a local caller
/// outside Production acts as admin when <see cref="AccessOptions.AnonymousLocalAdmin"/> is on.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IMemoryCache cache,
    IOptions<AccessOptions> access,
    IHostEnvironment environment
) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string KeyStoreUnavailable = "Personalize.KeyStoreUnavailable";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
            return IsAnonymousLocalAdmin(Context, access.Value, environment)
                ? AuthenticateResult.Success(LocalAdminTicket())
                : AuthenticateResult.NoResult();

        ApiKeyInfo? found;
        try
        {
            found =
                access.Value.KeyCacheSeconds <= 0
                    ? await keys.FindActiveAsync(key, Context.RequestAborted)
                    : await cache.GetOrCreateAsync("api-key:" + key, entry =>
                    {
                        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(access.Value.KeyCacheSeconds);
                        entry.Size = 1;
                        return keys.FindActiveAsync(key, Context.RequestAborted);
                    });
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            Context.Items[KeyStoreUnavailable] = true;
            return AuthenticateResult.Fail("The key store (database) is unavailable; retry shortly.");
        }
        if (found is null)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, found.Name),
                new Claim(Caller.ScopeClaim, string.Join(' ', found.Scopes)),
                new Claim(Caller.ClientClaim, "key:" + found.Id),
            ],
            SchemeName
        );
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 with a GraphQL-shaped body saying what to send.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        var unavailable = Context.Items.ContainsKey(KeyStoreUnavailable);
        Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized;
        if (unavailable)
            Response.Headers.RetryAfter = "1";
        else
            Response.Headers.WWWAuthenticate = $"{SchemeName}, Bearer";
        var message = failure
            ?? $"Authentication required: send an API key in the {HeaderName} header, or a bearer token.";
        await Response.WriteAsJsonAsync(
            new
            {
                errors = new[]
                {
                    new
                    {
                        message,
                        extensions = new { code = unavailable ? "SERVICE_UNAVAILABLE" : "UNAUTHENTICATED" },
                    },
                },
            }
        );
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header)
            return header.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(SchemeName.Length + 1)..].Trim()
            : null;
    }

    /// <summary>No network between caller and service: loopback, or an in-process test server (no remote
    /// address).</summary>
    private static bool IsAnonymousLocalAdmin(HttpContext context, AccessOptions options, IHostEnvironment environment)
    {
        if (!options.AnonymousLocalAdmin || environment.IsProduction())
            return false;
        var remote = context.Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote);
    }

    private static AuthenticationTicket LocalAdminTicket() =>
        new(
            new ClaimsPrincipal(
                new ClaimsIdentity(
                    [
                        new Claim(ClaimTypes.Name, "local-development"),
                        new Claim(Caller.ScopeClaim, Scopes.Admin),
                        new Claim(Caller.ClientClaim, Caller.LocalClient),
                    ],
                    "AnonymousLocal"
                )
            ),
            SchemeName
        );
}
