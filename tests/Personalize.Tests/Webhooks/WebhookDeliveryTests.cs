using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Events;
using Personalize.Tests.Infrastructure;
using Personalize.Webhooks;

namespace Personalize.Tests.Webhooks;

/// <summary>
/// Webhooks to a real receiver on loopback: signed, in order per customer, at least once through failures, timeouts, a
/// receiver that goes away, a service killed mid-delivery, and two service instances sharing one database.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private readonly WebhookReceiver _receiver = new();
    private readonly List<ApiFactory> _services = [];
    private readonly string _database = Path.Combine(
        Directory.CreateTempSubdirectory("pz-webhooks-").FullName,
        "shared.db"
    );

    public Task InitializeAsync() => _receiver.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
            await service.DisposeAsync();
        await _receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);
        }
        catch (IOException) { }
    }

    /// <summary>
    /// A service instance; every instance of a test shares one SQLite file, as instances share a database. The timeout
    /// stays below the lease, so a slow machine does not turn a healthy delivery into a duplicate.
    /// </summary>
    private ApiFactory Service(int maxAttempts = 8, double timeoutSeconds = 5, double leaseSeconds = 15)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Personalize"] = $"Data Source={_database}",
            ["Events:Webhooks:BaseDelaySeconds"] = "0.05",
            ["Events:Webhooks:MaxDelaySeconds"] = "0.2",
            ["Events:Webhooks:TimeoutSeconds"] = timeoutSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            ["Events:Webhooks:LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Events:Webhooks:PollSeconds"] = "0.05",
            ["Events:Webhooks:MaxAttempts"] = maxAttempts.ToString(),
        };
        var service = ApiFactory.With(settings);
        _services.Add(service);
        _ = service.Services; // started: its delivery job runs from now on
        return service;
    }

    private async Task<string> EndpointAsync(ApiFactory service, string extra = "")
    {
        var created = await service.DataAsync(
            $$"""
            mutation { createWebhookEndpoint(input: { url: "{{_receiver.Url}}", secret: "{{Secret}}"{{extra}} }) { webhookEndpoint { id } errors { message } } }
            """
        );
        return created
            .GetProperty("createWebhookEndpoint")
            .GetProperty("webhookEndpoint")
            .GetProperty("id")
            .GetString()!;
    }

    /// <summary>Each customer is created with email consent (one event), then changes it <paramref name="changes"/>
    /// times (one event each).</summary>
    private static async Task<int> ConsentEventsAsync(
        ApiFactory service,
        int customers,
        int changes = 0,
        string prefix = "w"
    )
    {
        for (var c = 0; c < customers; c++)
        {
            await service.DataAsync(
                $$"""mutation { upsertCustomer(input: { id: "{{prefix}}{{c}}", consentEmailMarketing: true }) { errors { message } } }"""
            );
            for (var i = 0; i < changes; i++)
                await service.DataAsync(
                    $$"""mutation { setConsent(input: { customerId: "{{prefix}}{{c}}", emailMarketing: {{(i % 2 == 0 ? "false" : "true")}} }) { errors { message } } }"""
                );
        }
        return customers * (1 + changes);
    }

    private Task<HashSet<string>> AllArrivedAsync(int events) =>
        Eventually.ReadAsync(
            () => Task.FromResult(_receiver.Accepted.Select(r => r.Id).ToHashSet()),
            ids => ids.Count >= events
        );

    [Fact]
    public async Task Events_arrive_signed_once_each_and_in_order_per_customer()
    {
        var service = Service();
        var endpoint = await EndpointAsync(service);
        var expected = await ConsentEventsAsync(service, customers: 12, changes: 3);

        var ids = await AllArrivedAsync(expected);

        Assert.Equal(expected, ids.Count);
        Assert.All(_receiver.Requests, r => Assert.True(WebhookReceiver.Verifies(Secret, r), $"signature of {r.Id}"));
        Assert.Equal(expected, _receiver.Requests.Count); // a healthy receiver gets each event once
        foreach (var customer in _receiver.Accepted.GroupBy(r => r.Json.GetProperty("customerId").GetString()))
            Assert.Equal(
                Enumerable.Range(1, 4).Select(i => (long)i),
                customer.Select(r => r.Json.GetProperty("sequence").GetInt64())
            );
        var first = _receiver.Accepted.First().Json;
        Assert.Equal("customer.consent_changed", first.GetProperty("type").GetString());
        Assert.True(first.GetProperty("data").GetProperty("emailMarketing").GetBoolean());

        // The receiver has answered; the outcome is stored right after.
        var log = await Eventually.ReadAsync(
            () =>
                service.DataAsync(
                    """{ webhookEndpoints { id deliveries(first: 100) { status attempts event { type customerId sequence } } } }"""
                ),
            l =>
                l.GetProperty("webhookEndpoints")[0]
                    .GetProperty("deliveries")
                    .EnumerateArray()
                    .All(d => d.GetProperty("status").GetString() == "DELIVERED")
        );
        Assert.Equal(expected, log.GetProperty("webhookEndpoints")[0].GetProperty("deliveries").GetArrayLength());
        Assert.Equal(endpoint, log.GetProperty("webhookEndpoints")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_receiver_that_fails_times_out_or_goes_away_gets_everything_once_it_answers()
    {
        var calls = 0;
        // The first requests fail with 500, then some hang past the timeout, then the receiver answers.
        _receiver.Answer = _ =>
            Interlocked.Increment(ref calls) switch
            {
                <= 6 => 500,
                <= 9 => 0,
                _ => 200,
            };
        var service = Service(timeoutSeconds: 0.5);
        await EndpointAsync(service);
        var expected = await ConsentEventsAsync(service, customers: 6, changes: 1);
        await AllArrivedAsync(expected);

        await _receiver.StopAsync();
        var more = await ConsentEventsAsync(service, customers: 4, prefix: "later");
        // tried while it was down
        await Eventually.ReadAsync(() => AttemptsFailedAsync(service), failed => failed >= 2);
        await _receiver.StartAsync();

        var ids = await AllArrivedAsync(expected + more);
        Assert.Equal(expected + more, ids.Count);
        Assert.All(_receiver.Requests, r => Assert.True(WebhookReceiver.Verifies(Secret, r)));
        var retried = await service.DataAsync(
            """{ webhookEndpoints { deliveries(first: 100) { attempts status } } }"""
        );
        Assert.Contains(retried.GetProperty("webhookEndpoints")[0].GetProperty("deliveries").EnumerateArray(), d =>
            d.GetProperty("attempts").GetInt32() > 1
        );
    }

    private static async Task<int> AttemptsFailedAsync(ApiFactory service)
    {
        await using var db = await service
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        return await db.WebhookDeliveries.CountAsync(d =>
            d.Status == WebhookDeliveryStatus.Pending && d.Attempts > 0 && d.LastStatusCode == null
        );
    }

    [Fact]
    public async Task A_delivery_is_dead_after_its_attempts_and_a_replay_sends_it_again()
    {
        _receiver.Answer = _ => 503;
        var service = Service(maxAttempts: 2);
        var endpoint = await EndpointAsync(service);
        await ConsentEventsAsync(service, customers: 3);
        var dead = await Eventually.ReadAsync(
            async () =>
                (
                    await service.DataAsync(
                        """{ webhookEndpoints { deliveries(status: DEAD) { attempts lastStatusCode lastError } } }"""
                    )
                )
                    .GetProperty("webhookEndpoints")[0]
                    .GetProperty("deliveries")
                    .EnumerateArray()
                    .ToList(),
            d => d.Count == 3
        );
        Assert.All(dead, d =>
            Assert.Equal(
                (2, 503, "HTTP 503"),
                (
                    d.GetProperty("attempts").GetInt32(),
                    d.GetProperty("lastStatusCode").GetInt32(),
                    d.GetProperty("lastError").GetString()
                )
            )
        );

        _receiver.Answer = _ => 200;
        var replay = await service.DataAsync(
            $$"""mutation { replayWebhookDeliveries(input: { endpointId: "{{endpoint}}" }) { replayResult { deliveries } errors { message } } }"""
        );
        Assert.Equal(
            3,
            replay
                .GetProperty("replayWebhookDeliveries")
                .GetProperty("replayResult")
                .GetProperty("deliveries")
                .GetInt32()
        );
        Assert.Equal(3, (await AllArrivedAsync(3)).Count);
    }

    [Fact]
    public async Task A_service_killed_mid_delivery_leaves_it_to_the_next_one_which_delivers_it_again()
    {
        var calls = 0;
        // the first instance's requests are never answered
        _receiver.Answer = _ => Interlocked.Increment(ref calls) <= 3 ? 0 : 200;
        var first = Service(timeoutSeconds: 30, leaseSeconds: 1);
        await EndpointAsync(first);
        await ConsentEventsAsync(first, customers: 3);
        await Eventually.ReadAsync(() => Task.FromResult(_receiver.Requests.Count), n => n >= 3);
        await first.DisposeAsync(); // gone with its requests unanswered and its leases held
        _services.Remove(first);

        var second = Service(leaseSeconds: 1);
        var ids = await AllArrivedAsync(3);

        Assert.Equal(3, ids.Count);
        // At least once: the ones the first instance sent came again, with the same webhook-id, for receivers to drop.
        Assert.True(_receiver.Requests.Count >= 6, $"{_receiver.Requests.Count} requests");
        Assert.All(_receiver.Requests.GroupBy(r => r.Id), g =>
            Assert.Single(g.Select(r => r.Body.Replace(r.Timestamp.ToString(), "")).Distinct())
        );
    }

    [Fact]
    public async Task Two_instances_on_one_database_deliver_each_event_once()
    {
        var a = Service();
        var b = Service();
        await EndpointAsync(a);
        var expected =
            await ConsentEventsAsync(a, customers: 20, prefix: "a")
            + await ConsentEventsAsync(b, customers: 20, changes: 1, prefix: "b");

        var ids = await AllArrivedAsync(expected);

        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, _receiver.Requests.Count);
        foreach (var customer in _receiver.Accepted.GroupBy(r => r.Json.GetProperty("customerId").GetString()))
            Assert.Equal(
                customer.Select(r => r.Json.GetProperty("sequence").GetInt64()).Order(),
                customer.Select(r => r.Json.GetProperty("sequence").GetInt64())
            );
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_during_the_overlap()
    {
        var service = Service();
        var endpoint = await EndpointAsync(service);
        var rotated = await service.DataAsync(
            $$"""mutation { rotateWebhookSecret(input: { id: "{{endpoint}}", overlapHours: 1 }) { webhookEndpoint { secret previousSecretExpiresAt } errors { message } } }"""
        );
        var secret = rotated
            .GetProperty("rotateWebhookSecret")
            .GetProperty("webhookEndpoint")
            .GetProperty("secret")
            .GetString()!;
        Assert.NotEqual(Secret, secret);

        await ConsentEventsAsync(service, customers: 2);
        await AllArrivedAsync(2);

        Assert.All(_receiver.Requests, r =>
        {
            Assert.True(WebhookReceiver.Verifies(Secret, r));
            Assert.True(WebhookReceiver.Verifies(secret, r));
            Assert.Equal(2, r.Signature.Split(' ').Length);
        });
    }

    [Fact]
    public async Task An_event_exists_only_if_its_change_committed()
    {
        var service = Service();
        await service.DataAsync("""mutation { upsertCustomer(input: { id: "rollback-1" }) { errors { message } } }""");
        var factory = service.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var id = await db.Customers.Where(c => c.ExternalId == "rollback-1").Select(c => c.Id).SingleAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await service
                .Services.GetRequiredService<EventOutbox>()
                .AppendAsync(db, [CustomerEvents.ConsentChanged(id, true, true, DateTime.UtcNow)], default);
            await transaction.RollbackAsync();
        }
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(0, await check.CustomerEvents.CountAsync());
        Assert.Equal(
            0,
            await check.Customers.Where(c => c.ExternalId == "rollback-1").Select(c => c.EventSequence).SingleAsync()
        );
    }

    [Fact]
    public async Task Bad_endpoint_input_names_the_field_and_stores_nothing()
    {
        var service = Service();
        var result = await service.DataAsync(
            """
            mutation { createWebhookEndpoint(input: { url: "ftp://example.com/x", secret: "nope", maxConcurrency: 0, segmentId: "no-such-segment" }) { webhookEndpoint { id } errors { field message } } }
            """
        );
        var errors = result
            .GetProperty("createWebhookEndpoint")
            .GetProperty("errors")
            .EnumerateArray()
            .Select(e => e.GetProperty("field").GetString())
            .Order()
            .ToList();
        Assert.Equal(["input.maxConcurrency", "input.secret", "input.segmentId", "input.url"], errors);
        Assert.Empty(
            (await service.DataAsync("{ webhookEndpoints { id } }")).GetProperty("webhookEndpoints").EnumerateArray()
        );
    }
}
