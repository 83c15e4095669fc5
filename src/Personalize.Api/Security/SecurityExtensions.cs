using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Personalize.Privacy;

namespace Personalize.Api.Security;

/// <summary>Authentication (API keys, JWT), the caller policy, CORS and per-caller rate limiting.</summary>
public static class SecurityExtensions
{
    public const string CallerPolicy = "caller";
    public const string RateLimitPolicy = "per-caller";
    private const string CorsPolicy = "configured-origins";
    private const string Scheme = "Personalize";

    public static void AddPersonalizeSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var secret = builder.Configuration[$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.Secret)}"];
        if (builder.Environment.IsProduction() && (secret?.Length ?? 0) < PrivacyOptions.MinSecretLength)
            throw new ConfigurationError(
                $"Privacy:Secret is missing or shorter than {PrivacyOptions.MinSecretLength} characters. Production "
                    + "needs it to key the hashes of "
                    + "idempotency keys and audit subjects: set Privacy__Secret to a random string kept outside the "
                    + "database (e.g. `openssl rand -hex 32`)."
            );
        var accessSection = builder.Configuration.GetSection(AccessOptions.Section);
        services.Configure<AccessOptions>(accessSection);
        var access = accessSection.Get<AccessOptions>() ?? new AccessOptions();
        services.AddMemoryCache();

        var authentication = services
            .AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or bearer token", o =>
                o.ForwardDefaultSelector = context =>
                    access.Jwt.SigningKey is { Length: > 0 }
                    && context
                        .Request.Headers.Authorization.ToString()
                        .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : ApiKeyAuthenticationHandler.SchemeName
            )
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName,
                null
            );
        if (access.Jwt.SigningKey is { Length: > 0 } signingKey)
            authentication.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = access.Jwt.Issuer,
                    ValidateIssuer = access.Jwt.Issuer is not null,
                    ValidAudience = access.Jwt.Audience,
                    ValidateAudience = access.Jwt.Audience is not null,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
                    NameClaimType = "sub",
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(CallerPolicy, p => p.RequireAuthenticatedUser());

        services.AddCors(o =>
            o.AddPolicy(CorsPolicy, p =>
                p.WithOrigins(access.CorsOrigins)
                    .AllowAnyHeader()
                    .WithMethods("GET", "POST")
                    .WithExposedHeaders(CorrelationIds.Header, "Retry-After")
            )
        );

        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()
            ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : limits.PeriodSeconds;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new
                    {
                        errors = new[]
                        {
                            new
                            {
                                message = $"Too many requests for this caller; retry after {retryAfter} s.",
                                extensions = new { code = "RATE_LIMITED" },
                            },
                        },
                    },
                    cancellationToken
                );
            };
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var client = Caller.ClientOf(context);
                if (limits.Permits <= 0 || client == Caller.LocalClient)
                    return RateLimitPartition.GetNoLimiter(client);
                return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(limits.Burst, 1),
                    TokensPerPeriod = limits.Permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(limits.PeriodSeconds, 1)),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
    }

    public static void UsePersonalizeSecurity(this WebApplication app)
    {
        app.UseCors(CorsPolicy);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        var access = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>().Value;
        if (access.AnonymousLocalAdmin && !app.Environment.IsProduction())
            app.Logger.LogWarning(
                "Access: callers on this machine without credentials act as admin ({Environment} "
                    + "environment). Production requires API keys or tokens.",
                app.Environment.EnvironmentName
            );
        if (string.IsNullOrEmpty(app.Configuration[$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.Secret)}"]))
            app.Logger.LogWarning(
                "Privacy: no Privacy:Secret configured; keyed hashes use the development secret "
                    + "({Environment} environment). Production requires one.",
                app.Environment.EnvironmentName
            );
    }

    /// <summary>The GraphQL endpoint needs an authenticated caller and is rate-limited per caller.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(CallerPolicy).RequireRateLimiting(RateLimitPolicy);
}
