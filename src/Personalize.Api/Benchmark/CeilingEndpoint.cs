using System.Collections.Concurrent;
using System.Text;

namespace Personalize.Api.Benchmark;

/// <summary>
/// The benchmark's ceiling: what Kestrel alone serves on this machine. <c>POST /bench/ceiling?bytes=N</c> answers a
/// pre-serialized JSON body of N bytes without reading the request, so `bench/run.sh` can compare the GraphQL path with
/// the cost of HTTP itself for a response of the same size. Mapped only when <c>Benchmark:CeilingEndpoint</c> is true.
/// </summary>
public static class CeilingEndpoint
{
    private const int MaxBytes = 16 * 1024 * 1024;
    private static readonly ConcurrentDictionary<int, byte[]> Bodies = new();

    public static void MapCeilingEndpoint(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Benchmark:CeilingEndpoint"))
            return;
        app.MapPost("/bench/ceiling", (int bytes) =>
            bytes is < 32 or > MaxBytes
                ? Results.BadRequest($"bytes must be between 32 and {MaxBytes}.")
                : Results.Bytes(Bodies.GetOrAdd(bytes, Body), "application/graphql-response+json")
        );
    }

    private static byte[] Body(int bytes)
    {
        const string prefix = "{\"data\":{\"padding\":\"",
            suffix = "\"}}";
        return Encoding.UTF8.GetBytes(prefix + new string('x', bytes - prefix.Length - suffix.Length) + suffix);
    }
}
