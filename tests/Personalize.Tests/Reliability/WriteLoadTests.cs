using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Http;
using Xunit.Abstractions;

namespace Personalize.Tests.Reliability;

/// <summary>
/// Many clients on loopback Kestrel write interactions and orders with idempotency keys, give up on some attempts
/// after a few milliseconds (the server may or may not have finished), send some writes twice at once, and retry
/// until each write is accepted. Every accepted write must be stored exactly once, and the customers' order totals
/// must count each order once.
/// </summary>
public sealed class WriteLoadTests(ITestOutputHelper output)
{
    private const int Clients = 16,
        WritesPerClient = 24,
        Seed = 20261124;

    private const string TrackInteraction = """
        mutation($input: TrackInteractionInput!) { trackInteraction(input: $input) { interaction { occurredAt } errors { message } } }
        """;
    private const string RecordOrder = """
        mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } errors { message } } }
        """;

    private int _requests,
        _clientTimeouts,
        _concurrentDuplicates,
        _retriedStatuses;

    [Fact]
    public async Task Every_accepted_write_is_stored_exactly_once_despite_timeouts_retries_and_concurrent_duplicates()
    {
        await using var api = new KestrelApi();
        await api.DataAsync(
            """mutation { createContentItem(input: { id: "load-item", kind: GUIDE, title: "Load", status: PUBLISHED }) { errors { message } } }"""
        );
        using var http = new HttpClient { BaseAddress = new Uri(api.GraphQLUrl), Timeout = Timeout.InfiniteTimeSpan };

        var accepted = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Clients),
            new ParallelOptions { MaxDegreeOfParallelism = Clients },
            async (client, _) =>
            {
                var random = new Random(Seed + client);
                for (var n = 0; n < WritesPerClient; n++)
                {
                    var (query, variables) =
                        n % 2 == 0
                            ? (
                                TrackInteraction,
                                (object)
                                    new
                                    {
                                        input = new
                                        {
                                            customerId = $"LOAD-C{client}",
                                            itemId = "load-item",
                                            kind = "CLICK",
                                            idempotencyKey = $"load-i-{client}-{n}",
                                        },
                                    }
                            )
                            : (
                                RecordOrder,
                                new
                                {
                                    input = new
                                    {
                                        customerId = $"LOAD-C{client}",
                                        orderId = $"load-o-{client}-{n}",
                                        orderedAt = "2026-11-01T10:00:00Z",
                                        amount = 10 + n,
                                    },
                                }
                            );
                    await WriteUntilAcceptedAsync(http, query, variables, random);
                    Interlocked.Increment(ref accepted);
                }
            }
        );

        await using var db = await api
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        var hash = api.Services.GetRequiredService<Personalize.Privacy.KeyedHash>();
        var sent = Enumerable
            .Range(0, Clients)
            .SelectMany(c => Enumerable.Range(0, WritesPerClient).Select(n => hash.IdempotencyKey($"load-i-{c}-{n}")))
            .ToList();
        var interactionKeys = await db
            .Interactions.Where(i => sent.Contains(i.IdempotencyKey!))
            .Select(i => i.IdempotencyKey!)
            .ToListAsync();
        var orderIds = await db
            .Orders.Where(o => o.ExternalId.StartsWith("load-o-"))
            .Select(o => o.ExternalId)
            .ToListAsync();
        var customers = await db.Customers.Where(c => c.ExternalId.StartsWith("LOAD-C")).ToListAsync();

        Assert.Equal(Clients * WritesPerClient, accepted);
        Assert.Equal(Clients * WritesPerClient / 2, interactionKeys.Count);
        Assert.Equal(interactionKeys.Count, interactionKeys.Distinct().Count());
        Assert.Equal(Clients * WritesPerClient / 2, orderIds.Count);
        Assert.Equal(orderIds.Count, orderIds.Distinct().Count());
        var expectedSpent = Enumerable.Range(0, WritesPerClient).Where(n => n % 2 == 1).Sum(n => 10m + n);
        Assert.Equal(Clients, customers.Count);
        Assert.All(customers, c => Assert.Equal((WritesPerClient / 2, expectedSpent), (c.OrderCount, c.TotalSpent)));
        output.WriteLine(
            $"Write load: {Clients} clients, {_requests} requests sent, {accepted} writes accepted and checked "
                + $"({interactionKeys.Count} interactions, {orderIds.Count} orders, {Clients} customer totals), "
                + $"{_clientTimeouts} client-side timeouts, "
                + $"{_concurrentDuplicates} concurrent duplicates, {_retriedStatuses} retryable statuses "
                + "(429/503); 0 lost, 0 doubled."
        );
    }

    /// <summary>
    /// Sends the write until the server accepts it. About a third of the first attempts give up after 1-30 ms; about
    /// one write in ten is sent twice at the same time.
    /// </summary>
    private async Task WriteUntilAcceptedAsync(HttpClient http, string query, object variables, Random random)
    {
        if (random.NextDouble() < 0.3)
        {
            using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(1, 30)));
            try
            {
                await SendAsync(http, query, variables, impatient.Token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _clientTimeouts);
            }
        }
        if (random.NextDouble() < 0.1)
        {
            Interlocked.Increment(ref _concurrentDuplicates);
            await Task.WhenAll(SendUntilAcceptedAsync(), SendUntilAcceptedAsync());
        }
        else
            await SendUntilAcceptedAsync();

        async Task SendUntilAcceptedAsync()
        {
            for (var attempt = 0; attempt < 20; attempt++)
                if (await SendAsync(http, query, variables, CancellationToken.None))
                    return;
            Assert.Fail("a write was not accepted after 20 attempts");
        }
    }

    /// <returns>True when the write was accepted; false on a retryable status.</returns>
    private async Task<bool> SendAsync(
        HttpClient http,
        string query,
        object variables,
        CancellationToken cancellationToken
    )
    {
        Interlocked.Increment(ref _requests);
        using var response = await http.PostAsJsonAsync("", new { query, variables }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            Interlocked.Increment(ref _retriedStatuses);
            await Task.Delay(
                TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1),
                CancellationToken.None
            );
            return false;
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        var payload = json.GetProperty("data").EnumerateObject().Single().Value;
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return true;
    }
}
