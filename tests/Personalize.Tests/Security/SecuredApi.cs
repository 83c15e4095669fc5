using Microsoft.AspNetCore.Hosting;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Security;

/// <summary>The service as configured in Production: keys or tokens required, no introspection, CORS from
/// configuration.</summary>
public class SecuredApi : ApiFactory
{
    protected SecuredApi(IDictionary<string, string?>? settings)
        : base(
            new Dictionary<string, string?>
            {
                ["Access:Jwt:Issuer"] = JwtIssuer,
                ["Access:Jwt:Audience"] = JwtAudience,
                ["Access:Jwt:SigningKey"] = JwtSigningKey,
                ["Access:CorsOrigins:0"] = AllowedOrigin,
                ["Access:KeyCacheSeconds"] = "0",
                ["Privacy:Secret"] = PrivacySecret,
            }
                .Concat(settings ?? new Dictionary<string, string?>())
                .ToDictionary()
        ) { }

    public const string JwtIssuer = "https://login.example.test";
    public const string JwtAudience = "personalize";
    public const string JwtSigningKey = "test-signing-key-of-at-least-32-bytes-0123456789";
    public const string AllowedOrigin = "https://shop.example.test";
    public const string PrivacySecret = "test-privacy-secret-of-at-least-32-characters";

    public SecuredApi()
        : this(null) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
