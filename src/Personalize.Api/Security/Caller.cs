using System.Security.Claims;
using Personalize.Access;

namespace Personalize.Api.Security;

/// <summary>Who is calling and with which scopes, read from the request's principal (API key or JWT alike).</summary>
public static class Caller
{
    public const string ScopeClaim = "scope";

    /// <summary>The claim naming the rate-limit partition of a key ("key:{id}") or of local development
    /// ("local").</summary>
    public const string ClientClaim = "client";
    public const string LocalClient = "local";

    /// <summary>The scopes the principal holds, from `scope` claims (space-separated, as OAuth 2 writes them) or
    /// `scp`.</summary>
    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal? user) =>
        (user?.Claims ?? [])
            .Where(c => c.Type is ScopeClaim or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the principal holds one of <paramref name="scopes"/>, or admin.</summary>
    public static bool HasAny(ClaimsPrincipal? user, IReadOnlyCollection<string> scopes)
    {
        var held = ScopesOf(user);
        return held.Contains(Scopes.Admin) || scopes.Any(held.Contains);
    }

    /// <summary>The key name or token subject, for audit entries and logs (never personal data of customers).</summary>
    public static string NameOf(ClaimsPrincipal? user) =>
        user?.Identity?.Name ?? user?.FindFirst("sub")?.Value ?? user?.FindFirst("client_id")?.Value ?? "unknown";

    /// <summary>The rate-limit partition of a request: its key, its token's subject, or else its client
    /// address.</summary>
    public static string ClientOf(HttpContext context) =>
        context.User.FindFirst(ClientClaim)?.Value
        ?? (
            context.User.FindFirst("sub")?.Value is { } sub ? "jwt:" + sub : "ip:" + context.Connection.RemoteIpAddress
        );
}
