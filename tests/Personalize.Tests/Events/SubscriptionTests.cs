using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Access;
using Personalize.Api.Events;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Events;

/// <summary>`customerEvents` over GraphQL over SSE and over graphql-transport-ws, through the real pipeline, with
/// scopes checked.</summary>
public sealed class SubscriptionTests : IDisposable
{
    private const string Subscription =
        """subscription { customerEvents(types: [CONSENT_CHANGED]) { id type customerId sequence data } }""";
    private readonly ApiFactory _api = ApiFactory.With(
        new Dictionary<string, string?> { ["Events:Webhooks:PollSeconds"] = "0.05" }
    );

    public void Dispose() => _api.Dispose();

    private Task ConsentAsync(string id) =>
        _api.DataAsync(
            $$"""mutation { upsertCustomer(input: { id: "{{id}}", consentEmailMarketing: true }) { errors { message } } }"""
        );

    [Fact]
    public async Task Server_sent_events_stream_each_new_event_as_it_is_written()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(Subscription) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        // Written once the subscription listens, so the event is one it must see.
        var next = ReadEventAsync(reader, timeout.Token);
        await ListeningAsync();
        await ConsentAsync("sse-0");
        var (name, data) = await next;
        Assert.Equal("next", name);
        var customerEvent = JsonDocument.Parse(data).RootElement.GetProperty("data").GetProperty("customerEvents");
        Assert.Equal("CONSENT_CHANGED", customerEvent.GetProperty("type").GetString());
        Assert.StartsWith("sse-", customerEvent.GetProperty("customerId").GetString());
        Assert.True(customerEvent.GetProperty("data").GetProperty("emailMarketing").GetBoolean());
    }

    [Fact]
    public async Task The_graphql_transport_ws_protocol_acknowledges_streams_and_completes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ws = _api.Server.CreateWebSocketClient();
        ws.SubProtocols.Add("graphql-transport-ws");
        using var socket = await ws.ConnectAsync(new Uri(_api.Server.BaseAddress, "graphql"), timeout.Token);
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);

        await SendAsync(socket, new { type = "connection_init" }, timeout.Token);
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, timeout.Token)).GetProperty("type").GetString());
        await SendAsync(socket, new { type = "ping" }, timeout.Token);
        Assert.Equal("pong", (await ReceiveAsync(socket, timeout.Token)).GetProperty("type").GetString());
        await SendAsync(
            socket,
            new
            {
                type = "subscribe",
                id = "s1",
                payload = new { query = Subscription },
            },
            timeout.Token
        );

        var message = ReceiveAsync(socket, timeout.Token);
        await ListeningAsync();
        await ConsentAsync("ws-0");
        var next = await message;
        Assert.Equal(("next", "s1"), (next.GetProperty("type").GetString(), next.GetProperty("id").GetString()));
        Assert.StartsWith(
            "ws-",
            next.GetProperty("payload")
                .GetProperty("data")
                .GetProperty("customerEvents")
                .GetProperty("customerId")
                .GetString()
        );

        // A query over the same connection: one `next`, then `complete`.
        await SendAsync(
            socket,
            new
            {
                type = "subscribe",
                id = "q1",
                payload = new { query = "{ webhookEndpoints { id } }" },
            },
            timeout.Token
        );
        var answers = new List<JsonElement>();
        while (answers.Count(a => a.GetProperty("id").GetString() == "q1") < 2)
            answers.Add(await ReceiveAsync(socket, timeout.Token));
        Assert.Equal(
            ["next", "complete"],
            answers.Where(a => a.GetProperty("id").GetString() == "q1").Select(a => a.GetProperty("type").GetString())
        );
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact]
    public async Task A_storefront_key_cannot_subscribe_and_a_plain_POST_is_told_how_to()
    {
        using var client = _api.CreateClientWithKey(await _api.CreateKeyAsync(Scopes.Storefront));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(Subscription) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("event: next", body);
        Assert.Contains("FORBIDDEN", body);
        Assert.Contains("event: complete", body);

        var plain = await _api.GraphQLAsync(Subscription);
        Assert.Contains("text/event-stream", plain.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    private static StringContent JsonContent(string query) =>
        new(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json");

    /// <summary>Until the subscription is registered with the feed: what is written after it is what it must
    /// see.</summary>
    private Task ListeningAsync() =>
        Eventually.ReadAsync(
            () => Task.FromResult(_api.Services.GetRequiredService<EventFeed>().SubscriberCount),
            n => n > 0
        );

    private static async Task<(string Name, string Data)> ReadEventAsync(
        StreamReader reader,
        CancellationToken cancellationToken
    )
    {
        string? name = null,
            data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: "))
                name = line[7..];
            else if (line.StartsWith("data: "))
                data = line[6..];
            else if (line.Length == 0 && name is not null)
                return (name, data ?? "");
        }
        throw new EndOfStreamException();
    }

    private static Task SendAsync(WebSocket socket, object message, CancellationToken cancellationToken) =>
        socket.SendAsync(
            JsonSerializer.SerializeToUtf8Bytes(message),
            WebSocketMessageType.Text,
            true,
            cancellationToken
        );

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var received = await socket.ReceiveAsync(buffer, cancellationToken);
        return JsonDocument.Parse(buffer.AsMemory(0, received.Count)).RootElement.Clone();
    }
}
