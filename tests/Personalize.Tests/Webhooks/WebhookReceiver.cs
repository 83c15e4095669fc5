using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Personalize.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on loopback that records every request and answers as told: 200, 500, or not at all until
/// released. It verifies signatures as a receiver following Standard Webhooks would, with its own HMAC code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Id, long Timestamp, string Signature, string Body, JsonElement Json);

    private WebApplication? _app;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Port { get; } = FreePort();
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Requests answered 2xx, in the order they were answered.</summary>
    public ConcurrentQueue<Received> Accepted { get; } = new();

    /// <summary>How to answer the next request: 200, a failure status, or hang (0) until <see
    /// cref="ReleaseHung"/>.</summary>
    public Func<Received, int> Answer { get; set; } = _ => 200;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var received = new Received(
                context.Request.Headers["webhook-id"].ToString(),
                long.Parse(context.Request.Headers["webhook-timestamp"].ToString()),
                context.Request.Headers["webhook-signature"].ToString(),
                body,
                JsonDocument.Parse(body).RootElement.Clone()
            );
            Requests.Enqueue(received);
            var status = Answer(received);
            if (status == 0)
            {
                await _release.Task.WaitAsync(context.RequestAborted);
                status = 200;
            }
            if (status is >= 200 and < 300)
                Accepted.Enqueue(received);
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public void ReleaseHung() =>
        Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Standard Webhooks verification, written here from the specification (not with the service's
    /// code).</summary>
    public static bool Verifies(string secret, Received request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected =
            "v1,"
            + Convert.ToBase64String(
                HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}"))
            );
        return request.Signature.Split(' ').Contains(expected);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHung();
        await StopAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
