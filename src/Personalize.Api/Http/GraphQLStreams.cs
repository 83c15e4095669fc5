using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace Personalize.Api.Http;

/// <summary>
/// Subscriptions over the two transports of the GraphQL-over-HTTP family: GraphQL over Server-Sent Events (a POST with
/// `Accept: text/event-stream`, distinct connections mode: `next` events, then `complete`) and graphql-transport-ws
/// over WebSocket (connection_init/ack, subscribe, next, error, complete, ping/pong). Both run the same validation as
/// every request (scopes included) and stop with the connection.
/// </summary>
public sealed class GraphQLStreams(IGraphQLTextSerializer serializer, ILogger<GraphQLStreams> logger)
{
    public const string WebSocketProtocol = "graphql-transport-ws";
    public const string EventStream = "text/event-stream";

    public static bool WantsEventStream(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Headers.Accept.ToString().Contains(EventStream, StringComparison.OrdinalIgnoreCase);

    /// <summary>One operation as Server-Sent Events: each result a `next` event, then `complete`.</summary>
    public async Task ServeEventStreamAsync(HttpContext context, ExecutionResult result)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = EventStream;
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var write = new SemaphoreSlim(1);
        async Task Send(string name, string data)
        {
            await write.WaitAsync(context.RequestAborted);
            try
            {
                await context.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            finally
            {
                write.Release();
            }
        }
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var item in Results(result, context.RequestAborted))
                await Send("next", serializer.Serialize(item));
            await Send("complete", "");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested) { }
    }

    /// <summary>A graphql-transport-ws connection: runs each `subscribe` until it completes or the client sends
    /// `complete`.</summary>
    public async Task ServeWebSocketAsync(
        HttpContext context,
        Func<GraphQLRequest, CancellationToken, Task<ExecutionResult>> execute
    )
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketProtocol))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"Use the WebSocket subprotocol {WebSocketProtocol}.");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(WebSocketProtocol);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var send = new SemaphoreSlim(1);
        var operations = new System.Collections.Concurrent.ConcurrentDictionary<string, CancellationTokenSource>();
        var acknowledged = false;
        async Task Send(object message)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
            await send.WaitAsync(connection.Token);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, connection.Token);
            }
            finally
            {
                send.Release();
            }
        }
        try
        {
            while (socket.State == WebSocketState.Open && await ReceiveAsync(socket, connection.Token) is { } text)
            {
                using var message = JsonDocument.Parse(text);
                var root = message.RootElement;
                var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                var id = root.TryGetProperty("id", out var i) ? i.GetString() : null;
                switch (type)
                {
                    case "connection_init" when !acknowledged:
                        acknowledged = true;
                        await Send(new { type = "connection_ack" });
                        break;
                    case "connection_init":
                        await socket.CloseAsync(
                            (WebSocketCloseStatus)4429,
                            "Too many initialisation requests",
                            connection.Token
                        );
                        return;
                    case "ping":
                        await Send(new { type = "pong" });
                        break;
                    case "subscribe" when !acknowledged:
                        await socket.CloseAsync((WebSocketCloseStatus)4401, "Unauthorized", connection.Token);
                        return;
                    case "subscribe" when id is null || operations.ContainsKey(id):
                        await socket.CloseAsync(
                            (WebSocketCloseStatus)4409,
                            $"Subscriber for {id} already exists",
                            connection.Token
                        );
                        return;
                    case "subscribe":
                        var request = serializer.Deserialize<GraphQLRequest>(root.GetProperty("payload").GetRawText())!;
                        var cancel = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
                        operations[id] = cancel;
                        _ = RunAsync(id, request, cancel);
                        break;
                    case "complete" when id is not null && operations.TryRemove(id, out var running):
                        await running.CancelAsync();
                        break;
                    case "pong" or "complete":
                        break;
                    default:
                        await socket.CloseAsync(
                            (WebSocketCloseStatus)4400,
                            $"Unknown message type '{type}'",
                            connection.Token
                        );
                        return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or JsonException)
        {
            logger.LogDebug("A WebSocket connection ended: {Reason}.", e.GetType().Name);
        }
        finally
        {
            await connection.CancelAsync();
            if (socket.State == WebSocketState.CloseReceived)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        async Task RunAsync(string id, GraphQLRequest request, CancellationTokenSource cancel)
        {
            try
            {
                var result = await execute(request, cancel.Token);
                if (!result.Executed)
                {
                    await Send(
                        new
                        {
                            type = "error",
                            id,
                            payload = JsonSerializer.Deserialize<JsonElement>(serializer.Serialize(result.Errors)),
                        }
                    );
                    return;
                }
                await foreach (var item in Results(result, cancel.Token))
                    await Send(
                        new
                        {
                            type = "next",
                            id,
                            payload = JsonSerializer.Deserialize<JsonElement>(serializer.Serialize(item)),
                        }
                    );
                await Send(new { type = "complete", id });
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
            finally
            {
                operations.TryRemove(id, out _);
                cancel.Dispose();
            }
        }
    }

    /// <summary>The results of one operation: its stream's items for a subscription, else the one result.</summary>
    private static async IAsyncEnumerable<ExecutionResult> Results(
        ExecutionResult result,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        if (result.Streams is not { Count: > 0 } streams)
        {
            yield return result;
            yield break;
        }
        var channel = System.Threading.Channels.Channel.CreateUnbounded<ExecutionResult>();
        using var subscription = streams.Values.First().Subscribe(new ChannelObserver(channel.Writer));
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            yield return item;
    }

    private sealed class ChannelObserver(System.Threading.Channels.ChannelWriter<ExecutionResult> writer)
        : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => writer.TryWrite(value);

        public void OnError(Exception error) => writer.TryComplete(error);

        public void OnCompleted() => writer.TryComplete();
    }

    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, received.Count);
            if (message.Length > 1024 * 1024)
                throw new JsonException("message too large");
            if (received.EndOfMessage)
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }
}
