using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Api;
using Personalize.Api.Security;
using Personalize.Privacy;

namespace Personalize.Tests.Security;

/// <summary>The installation secret behind idempotency keys and audit subjects.</summary>
public sealed class PrivacySecretTests
{
    [Fact]
    public void Production_without_a_secret_does_not_start_and_says_why()
    {
        // The executable prints this message alone and exits 1 (CommandLineTests runs it).
        foreach (var secret in new string?[] { null, new('s', PrivacyOptions.MinSecretLength - 1) })
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Configuration["Privacy:Secret"] = secret;
            var error = Assert.Throws<ConfigurationError>(builder.AddPersonalizeSecurity);
            Assert.Contains("Privacy:Secret", error.Message);
        }
        var valid = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        valid.Configuration["Privacy:Secret"] = new string('s', PrivacyOptions.MinSecretLength);
        valid.AddPersonalizeSecurity();
    }

    [Fact]
    public void Keyed_hashes_do_not_map_back_to_a_guessed_id_and_depend_on_the_secret()
    {
        using var api = new SecuredApi();
        var keys = api.Services.GetRequiredService<KeyedHash>();
        var other = new KeyedHash(
            Microsoft.Extensions.Options.Options.Create(new PrivacyOptions { Secret = new string('x', 40) })
        );

        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("C00002")));
        Assert.NotEqual(plain, keys.Subject("C00002"));
        Assert.NotEqual(keys.Subject("C00002"), other.Subject("C00002"));
        Assert.Equal(keys.IdempotencyKey("nps-ann@example.com"), keys.IdempotencyKey("nps-ann@example.com"));
        Assert.DoesNotContain("ann", keys.IdempotencyKey("nps-ann@example.com"));
        Assert.Throws<InvalidOperationException>(() =>
            new KeyedHash(Microsoft.Extensions.Options.Options.Create(new PrivacyOptions { Secret = "short" }))
        );
    }
}
