using System.Net;
using System.Runtime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Reliability;

/// <summary>
/// Random and mutated requests against the real pipeline: mutated real operations, deep nesting, huge strings,
/// wrong variable types, unicode, invalid JSON, random bytes, odd content types, GETs and batches. Seeded, so a
/// failure reproduces: the failing request's number and text are in the message.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 6_2026,
        Requests = 350,
        ReplayPasses = 6;
    private static readonly HttpStatusCode[] Deliberate =
    [
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    private readonly ApiFactory _api = ApiFactory.With(
        new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "true",
            ["Seed:Customers"] = "100",
            ["Seed:AnchorDate"] = DemoStoreFactory.AnchorDate,
        }
    );

    private static readonly (string Query, string Variables)[] Operations = Directory
        .EnumerateFiles(RepositoryFiles.PathOf("schema/operations"), "*.graphql")
        .Order()
        .Select(f =>
            (
                File.ReadAllText(f),
                File.Exists(Path.ChangeExtension(f, ".variables.json"))
                    ? File.ReadAllText(Path.ChangeExtension(f, ".variables.json"))
                    : "{}"
            )
        )
        .ToArray();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Random_and_mutated_requests_never_get_a_5xx_nor_an_internal_error_and_memory_stays_bounded()
    {
        using var client = _api.CreateClient();
        await client.PostAsync("/graphql", Json("""{"query":"{ __typename }"}""")); // start-up and seeding before the memory baseline
        // Built once, so the client's own serialization of megabyte strings is not part of what is measured.
        var random = new Random(Seed);
        var requests = new List<PreparedRequest>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = NextRequest(random, out var description);
            requests.Add(await PreparedRequest.FromAsync(request, description));
        }
        var before = ManagedMemory.Measure();
        var statuses = new SortedDictionary<int, int>();
        var executedWithErrors = 0;

        // The same requests, pass after pass: the first passes fill every cache (documents, EF Core's compiled queries)
        // with what these requests need; a leak keeps growing on every pass after that. Only the small-object heap is
        // held to that: the large-object heap also holds the runtime's shared array pools, which keep the megabyte
        // buffers these requests rent once per thread that served one (bounded, trimmed after a minute idle).
        await SendAllAsync();
        await SendAllAsync();
        var warm = ManagedMemory.Measure();
        for (var pass = 0; pass < ReplayPasses; pass++)
            await SendAllAsync();
        var replayed = ManagedMemory.Measure();

        using var health = await client.PostAsync("/graphql", Json("""{"query":"{ __typename }"}"""));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var summary =
            $"managed memory before: {before}; after two passes: {warm}; after {ReplayPasses} more: {replayed}";
        output.WriteLine(
            $"Fuzz: {Requests} requests (seed {Seed}) sent {2 + ReplayPasses} times, statuses "
                + $"{string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; "
                + $"{executedWithErrors} answered with GraphQL errors, 0 internal errors, 0 unexpected 5xx; {summary}."
        );
        Assert.True(
            replayed.SmallObjectsMegabytes - warm.SmallObjectsMegabytes < 6,
            $"the small-object heap grew while replaying the same requests: {summary}"
        );
        Assert.True(replayed.TotalMegabytes < 1024, $"managed memory passed 1 GiB: {summary}");

        async Task SendAllAsync()
        {
            for (var i = 0; i < requests.Count; i++)
            {
                using var request = requests[i].ToMessage();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;

                var context =
                    $"request {i} (seed {Seed}): {requests[i].Description}\n→ {(int)response.StatusCode} "
                    + $"{Truncate(body)}";
                Assert.True((int)response.StatusCode < 500 || Deliberate.Contains(response.StatusCode), context);
                Assert.True(!body.Contains("INTERNAL_ERROR"), context);
                if (body.Contains("\"errors\""))
                    executedWithErrors++;
            }
        }
    }

    private sealed record PreparedRequest(
        HttpMethod Method,
        Uri? Uri,
        byte[]? Body,
        string? ContentType,
        string Description
    )
    {
        public static async Task<PreparedRequest> FromAsync(HttpRequestMessage request, string description) =>
            new(
                request.Method,
                request.RequestUri,
                request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(),
                request.Content?.Headers.TryGetValues("Content-Type", out var types) == true
                    ? string.Join(", ", types)
                    : null,
                description
            );

        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(Method, Uri);
            if (Body is null)
                return message;
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            return message;
        }
    }

    /// <summary>Live managed memory after a full compacting collection: the small-object heap, and
    /// everything.</summary>
    private readonly record struct ManagedMemory(long SmallObjectsMegabytes, long TotalMegabytes)
    {
        public static ManagedMemory Measure()
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var smallObjects = 0L;
            foreach (var generation in GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo[..3])
                smallObjects += generation.SizeAfterBytes - generation.FragmentationAfterBytes;
            return new(smallObjects / 1_048_576, GC.GetTotalMemory(forceFullCollection: false) / 1_048_576);
        }

        public override string ToString() => $"{SmallObjectsMegabytes} MB small objects, {TotalMegabytes} MB in all";
    }

    private static HttpRequestMessage NextRequest(Random random, out string description)
    {
        var (query, variables) = Operations[random.Next(Operations.Length)];
        switch (random.Next(10))
        {
            case 0:
                description = "mutated operation text";
                return Post(Body(Mutate(query, random), variables));
            case 1:
                description = "variables of the wrong types";
                return Post(Body(query, WrongTypes(JsonNode.Parse(variables), random)?.ToJsonString() ?? "null"));
            case 2:
                var depth = random.Next(10, 3000);
                description = $"selection nested {depth} deep";
                return Post(
                    Body(
                        string.Concat(Enumerable.Repeat("{ customers { nodes ", depth))
                            + "{ id }"
                            + new string('}', depth * 2),
                        "{}"
                    )
                );
            case 3:
                var length = random.Next(3) == 0 ? random.Next(1_048_000, 1_100_000) : random.Next(1_000, 200_000);
                description = $"string of {length} characters in a variable";
                return Post(
                    Body(
                        "query($id: ID!) { customer(id: $id) { id } }",
                        JsonSerializer.Serialize(new { id = RandomText(random, length) })
                    )
                );
            case 4:
                description = "random unicode as the query";
                return Post(Body(RandomText(random, random.Next(0, 400)), "{}"));
            case 5:
                var bytes = new byte[random.Next(0, 2000)];
                random.NextBytes(bytes);
                description = $"{bytes.Length} random bytes as application/json";
                return new HttpRequestMessage(HttpMethod.Post, "/graphql")
                {
                    Content = new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } },
                };
            case 6:
                var json = Body(query, variables);
                var cut = json[..random.Next(json.Length)];
                description = "truncated JSON";
                return Post(cut);
            case 7:
                description = "GET with a mutated query string";
                return new HttpRequestMessage(
                    HttpMethod.Get,
                    "/graphql?query="
                        + Uri.EscapeDataString(Mutate(query, random))
                        + "&variables="
                        + Uri.EscapeDataString(Mutate(variables, random))
                );
            case 8:
                var count = random.Next(0, 8);
                description = $"batch of {count}";
                return Post(
                    "["
                        + string.Join(
                            ",",
                            Enumerable
                                .Range(0, count)
                                .Select(_ =>
                                {
                                    var (q, v) = Operations[random.Next(Operations.Length)];
                                    return Body(random.Next(3) == 0 ? Mutate(q, random) : q, v);
                                })
                        )
                        + "]"
                );
            default:
                var contentType = new[]
                {
                    "text/plain",
                    "application/graphql",
                    "application/json; charset=latin1",
                    "multipart/form-data",
                    "application/x-www-form-urlencoded",
                }[random.Next(5)];
                description = $"operation as {contentType}";
                return new HttpRequestMessage(HttpMethod.Post, "/graphql")
                {
                    Content = new StringContent(Mutate(query, random), Encoding.UTF8)
                    {
                        Headers = { ContentType = null },
                    },
                }.WithContentType(contentType);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new StringBuilder(text);
        for (var edits = random.Next(1, 8); edits > 0 && chars.Length > 0; edits--)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(5))
            {
                case 0:
                    chars.Remove(at, Math.Min(random.Next(1, 20), chars.Length - at));
                    break;
                case 1:
                    chars.Insert(at, "{}()[]:$@!\"\\#,.…\u0000\ud83c\udfc3é"[random.Next(14)]);
                    break;
                case 2:
                    chars.Insert(at, text.Substring(random.Next(text.Length / 2), Math.Min(40, text.Length / 2)));
                    break;
                case 3:
                    chars.Insert(
                        at,
                        " first: " + new[] { "-1", "0", "99999999999", "\"x\"", "null", "1.5" }[random.Next(6)] + " "
                    );
                    break;
                default:
                    chars.Insert(at, " a" + random.Next(100) + ": id ");
                    break;
            }
        }
        return chars.ToString();
    }

    private static JsonNode? WrongTypes(JsonNode? node, Random random) =>
        node switch
        {
            JsonObject o => new JsonObject(
                o.Select(p =>
                    KeyValuePair.Create(
                        p.Key,
                        random.Next(3) == 0 ? RandomValue(random) : WrongTypes(p.Value?.DeepClone(), random)
                    )
                )
            ),
            JsonArray a => new JsonArray(
                a.Select(v => random.Next(3) == 0 ? RandomValue(random) : WrongTypes(v?.DeepClone(), random)).ToArray()
            ),
            _ => RandomValue(random),
        };

    private static JsonNode? RandomValue(Random random) =>
        random.Next(9) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next() * (random.Next(2) == 0 ? -1L : 1L) * 1_000_000_000L),
            2 => JsonValue.Create(random.NextDouble() * 1e300),
            3 => JsonValue.Create(RandomText(random, random.Next(0, 50))),
            4 => JsonValue.Create(random.Next(2) == 0),
            5 => new JsonArray(JsonValue.Create(1), JsonValue.Create("two"), null),
            6 => new JsonObject { ["eq"] = "x", ["__proto__"] = 1 },
            7 => JsonValue.Create("2026-13-45T99:99:99Z"),
            _ => JsonValue.Create(new string('9', 400)),
        };

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
            text.Append(
                random.Next(6) switch
                {
                    0 => (char)random.Next(0x20, 0x7f),
                    1 => (char)random.Next(0xa0, 0x2fff),
                    2 => "🏃",
                    3 => "\u202e",
                    4 => (char)random.Next(0, 0x20),
                    _ => 'x',
                }
            );
        return text.ToString(0, length);
    }

    private static string Body(string query, string variables) =>
        $"{{\"query\":{JsonSerializer.Serialize(query)},\"variables\":{variables}}}";

    private static HttpRequestMessage Post(string json) => new(HttpMethod.Post, "/graphql") { Content = Json(json) };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}

/// <summary>Tests that measure the process's memory run alone, after the parallel tests, so others' allocations do not
/// count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "measured alone";
}

internal static class HttpRequestMessageExtensions
{
    public static HttpRequestMessage WithContentType(this HttpRequestMessage request, string contentType)
    {
        request.Content!.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return request;
    }
}
