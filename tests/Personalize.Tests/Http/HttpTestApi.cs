using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Http;

/// <summary>The service in process (a class fixture), with a small request limit so that "too large" is cheap to
/// send.</summary>
public sealed class HttpTestApi()
    : ApiFactory(new Dictionary<string, string?> { ["GraphQL:MaxRequestBytes"] = MaxRequestBytes.ToString() })
{
    public const int MaxRequestBytes = 4096;
}
