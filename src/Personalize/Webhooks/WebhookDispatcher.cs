using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;
using Personalize.Events;
using Personalize.Segments;

namespace Personalize.Webhooks;

/// <summary>
/// Delivers the outbox to the webhook endpoints, at least once, in order per customer and endpoint. Each round
/// (1) turns new events into deliveries for the endpoints that want them — a conditional update of the endpoint's
/// fan-out mark makes one instance do it, once; (2) takes due deliveries under a lease, only the oldest pending one per
/// customer and endpoint, and sends them without waiting for them, within each endpoint's concurrency and rate caps.
/// An instance that dies mid-delivery loses its lease, and another sends again (receivers dedupe by `webhook-id`).
/// </summary>
public sealed class WebhookDispatcher : IAsyncDisposable, IDisposable
{
    public const string HttpClientName = "webhooks";
    private const int FanOutBatch = 2000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<long, EndpointGate> _gates = new();
    private readonly IDbContextFactory<PersonalizeDbContext> factory;
    private readonly IHttpClientFactory http;
    private readonly IOptions<WebhookOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<WebhookDispatcher> logger;

    // Outcomes are stored in group commits gathered like the rounds: one transaction for the answers of many requests.
    private readonly GroupCommit<Outcome> _outcomes;

    public WebhookDispatcher(
        IDbContextFactory<PersonalizeDbContext> factory,
        IHttpClientFactory http,
        IOptions<WebhookOptions> options,
        TimeProvider clock,
        ILogger<WebhookDispatcher> logger
    )
    {
        (this.factory, this.http, this.options, this.clock, this.logger) = (factory, http, options, clock, logger);
        _outcomes = new GroupCommit<Outcome>(
            StoreOutcomesAsync,
            (o, e) => o.Stored.TrySetException(e),
            _ => 1,
            2_000,
            logger,
            TimeSpan.FromSeconds(options.Value.GatherSeconds)
        );
    }

    public ValueTask DisposeAsync() => _outcomes.DisposeAsync();

    public void Dispose() => _outcomes.Dispose();

    private sealed record Outcome(
        long Id,
        string Token,
        int Attempts,
        int? Status,
        string? Error,
        DateTime At,
        TaskCompletionSource Stored
    );

    /// <summary>Completes when the outcome of one of this instance's requests is stored (so the loop can take the next
    /// deliveries).</summary>
    public Task NextAnswer => Volatile.Read(ref _answered).Task;
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <returns>Deliveries created and deliveries started in this round.</returns>
    public async Task<(int FannedOut, int Started)> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var endpoints = await db.WebhookEndpoints.Where(e => e.Enabled).ToListAsync(cancellationToken);
        var fannedOut = 0;
        foreach (var endpoint in endpoints)
            fannedOut += await FanOutAsync(db, endpoint, cancellationToken);
        var started = 0;
        foreach (var endpoint in endpoints)
            started += await StartDeliveriesAsync(db, endpoint, cancellationToken);
        return (fannedOut, started);
    }

    private async Task<int> FanOutAsync(
        PersonalizeDbContext db,
        WebhookEndpoint endpoint,
        CancellationToken cancellationToken
    )
    {
        var events = await db
            .CustomerEvents.Where(e => e.Id > endpoint.FannedOutTo)
            .OrderBy(e => e.Id)
            .Take(FanOutBatch)
            .Select(e => new
            {
                e.Id,
                e.Type,
                e.CustomerId,
            })
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
            return 0;
        var wanted = events.Where(e => endpoint.Wants(e.Type)).ToList();
        var customerIds = wanted.Select(e => e.CustomerId).Distinct().ToList();
        var admitted = customerIds.ToHashSet();
        if (endpoint.Stages != LifecycleStageSet.None)
        {
            var stages = await db
                .Customers.Where(c => customerIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Stage })
                .ToListAsync(cancellationToken);
            admitted.IntersectWith(stages.Where(c => endpoint.Stages.Admits(c.Stage)).Select(c => c.Id));
        }
        if (
            endpoint.SegmentId is { } segmentId
            && await db.Segments.FirstOrDefaultAsync(s => s.Id == segmentId, cancellationToken) is { } segment
        )
            admitted.IntersectWith(
                await db
                    .Customers.Where(c => customerIds.Contains(c.Id))
                    .Where(SegmentQueries.Rule(segment))
                    .Select(c => c.Id)
                    .ToListAsync(cancellationToken)
            );

        var now = clock.GetUtcNow().UtcDateTime;
        var deliveries = wanted
            .Where(e => admitted.Contains(e.CustomerId))
            .Select(e => new WebhookDelivery
            {
                EndpointId = endpoint.Id,
                EventId = e.Id,
                CustomerId = e.CustomerId,
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            })
            .ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = events[^1].Id;
        var mark = endpoint.FannedOutTo;
        // Whoever moves the mark first owns this batch; another instance's update then matches no row.
        if (
            await db
                .WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.FannedOutTo == mark)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.FannedOutTo, last), cancellationToken) == 0
        )
            return 0;
        using (var bulk = new BulkInserter(db))
            bulk.Insert(deliveries, readGeneratedKeys: false);
        await transaction.CommitAsync(cancellationToken);
        endpoint.FannedOutTo = last;
        return deliveries.Count;
    }

    private async Task<int> StartDeliveriesAsync(
        PersonalizeDbContext db,
        WebhookEndpoint endpoint,
        CancellationToken cancellationToken
    )
    {
        var gate = _gates.AddOrUpdate(endpoint.Id, _ => new EndpointGate(endpoint), (_, g) => g.With(endpoint));
        // Taken deliveries wait for a request slot; a lease outlives the wait (the batch is sent in well under a
        // lease).
        var room = options.Value.BatchSize - gate.Outstanding;
        if (room <= 0)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var id = endpoint.Id;
        var candidates = await db
            .WebhookDeliveries.Where(d =>
                d.EndpointId == id
                && d.Status == WebhookDeliveryStatus.Pending
                && d.NextAttemptAt <= now
                && (d.LeaseUntil == null || d.LeaseUntil < now)
            )
            .Where(d =>
                !db.WebhookDeliveries.Any(e =>
                    e.EndpointId == id
                    && e.CustomerId == d.CustomerId
                    && e.Status == WebhookDeliveryStatus.Pending
                    && e.EventId < d.EventId
                )
            )
            .OrderBy(d => d.EventId)
            .Take(room)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            return 0;
        var token = Guid.NewGuid().ToString("N");
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        await db
            .WebhookDeliveries.Where(d =>
                candidates.Contains(d.Id)
                && d.Status == WebhookDeliveryStatus.Pending
                && (d.LeaseUntil == null || d.LeaseUntil < now)
            )
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.LeaseToken, token).SetProperty(d => d.LeaseUntil, until),
                cancellationToken
            );
        var mine = await db
            .WebhookDeliveries.Where(d => d.LeaseToken == token)
            .Select(d => new Outgoing(
                d.Id,
                d.Attempts,
                d.Event.EventId,
                d.Event.Type,
                d.Event.OccurredAt,
                d.Event.Sequence,
                d.Event.Data,
                db.Customers.Where(c => c.Id == d.CustomerId).Select(c => c.ExternalId).First()
            ))
            .ToListAsync(cancellationToken);
        foreach (var delivery in mine.OrderBy(d => d.Id))
        {
            gate.Taken();
            _ = Task.Run(
                () => SendAsync(endpoint, gate, delivery, token, CancellationToken.None),
                CancellationToken.None
            );
        }
        return mine.Count;
    }

    private async Task SendAsync(
        WebhookEndpoint endpoint,
        EndpointGate gate,
        Outgoing delivery,
        string token,
        CancellationToken cancellationToken
    )
    {
        int? status = null;
        string? error = null;
        var slots = gate.Slots;
        await slots.WaitAsync(cancellationToken);
        try
        {
            await gate.PaceAsync(clock, cancellationToken);
            var body = Body(delivery);
            var now = clock.GetUtcNow();
            var timestamp = now.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", delivery.EventId);
            request.Headers.Add(
                "webhook-timestamp",
                timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
            request.Headers.Add(
                "webhook-signature",
                WebhookSignature.Header(endpoint.SigningSecrets(now.UtcDateTime), delivery.EventId, timestamp, body)
            );
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await http.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                error = $"HTTP {status}";
        }
        catch (OperationCanceledException)
        {
            error = $"no answer within {options.Value.TimeoutSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            error =
                e.HttpRequestError == HttpRequestError.Unknown
                    ? "the request failed"
                    : $"the request failed: {e.HttpRequestError}";
        }
        finally
        {
            slots.Release();
            // Answered: the lease keeps it from being taken again while its outcome waits for the next batch.
            gate.Answered();
        }
        try
        {
            await RecordAsync(delivery, token, status, error);
        }
        catch (Exception e)
        {
            // The lease runs out and the delivery is sent again: at least once.
            logger.LogWarning(
                e,
                "Webhook delivery {DeliveryId}: the outcome could not be stored; it will be sent again.",
                delivery.Id
            );
        }
        finally
        {
            Interlocked.Exchange(ref _answered, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private Task RecordAsync(Outgoing delivery, string token, int? status, string? error)
    {
        var outcome = new Outcome(
            delivery.Id,
            token,
            delivery.Attempts + 1,
            status,
            error,
            clock.GetUtcNow().UtcDateTime,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
        );
        _outcomes.Enqueue(outcome);
        return outcome.Stored.Task;
    }

    /// <summary>A batch of answers in one transaction; each update holds only while the lease is still this
    /// round's.</summary>
    private async Task StoreOutcomesAsync(IReadOnlyList<Outcome> batch)
    {
        using var background = SqlStatementCounter.Background();
        await using var db = await factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var maxAttempts = options.Value.MaxAttempts;
        // One statement per round and attempt: the deliveries of a batch are stamped with its last answer's time.
        foreach (var group in batch.Where(o => o.Error is null).GroupBy(o => (o.Token, o.Status, o.Attempts)))
        {
            var (token, status, attempts) = group.Key;
            var at = group.Max(o => o.At);
            var ids = group.Select(o => o.Id).ToList();
            await db
                .WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.LeaseToken == token)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered)
                        .SetProperty(d => d.Attempts, attempts)
                        .SetProperty(d => d.LastStatusCode, status)
                        .SetProperty(d => d.LastError, (string?)null)
                        .SetProperty(d => d.LastAttemptAt, at)
                        .SetProperty(d => d.DeliveredAt, at)
                        .SetProperty(d => d.LeaseToken, (string?)null)
                        .SetProperty(d => d.LeaseUntil, (DateTime?)null)
                );
        }
        foreach (var failed in batch.Where(o => o.Error is not null))
        {
            var dead = failed.Attempts >= maxAttempts;
            var next = failed.At + Backoff(failed.Attempts);
            await db
                .WebhookDeliveries.Where(d => d.Id == failed.Id && d.LeaseToken == failed.Token)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(d => d.Status, dead ? WebhookDeliveryStatus.Dead : WebhookDeliveryStatus.Pending)
                        .SetProperty(d => d.Attempts, failed.Attempts)
                        .SetProperty(d => d.NextAttemptAt, next)
                        .SetProperty(d => d.LastStatusCode, failed.Status)
                        .SetProperty(d => d.LastError, failed.Error)
                        .SetProperty(d => d.LastAttemptAt, failed.At)
                        .SetProperty(d => d.LeaseToken, (string?)null)
                        .SetProperty(d => d.LeaseUntil, (DateTime?)null)
                );
            if (dead)
                logger.LogWarning(
                    "Webhook delivery {DeliveryId} is dead after {Attempts} attempts: {Error}.",
                    failed.Id,
                    failed.Attempts,
                    failed.Error
                );
        }
        await transaction.CommitAsync();
        foreach (var outcome in batch)
            outcome.Stored.TrySetResult();
    }

    /// <summary>Exponential with full jitter on its upper half: base × 2^(n−1) × [0.5, 1), at most the
    /// maximum.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var ceiling = Math.Min(o.MaxDelaySeconds, o.BaseDelaySeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    /// <summary>The request body (Standard Webhooks' payload shape: type, timestamp, data, plus the ids a receiver
    /// needs).</summary>
    private static string Body(Outgoing delivery) =>
        JsonSerializer.Serialize(
            new
            {
                id = delivery.EventId,
                type = CustomerEvents.WireName(delivery.Type),
                timestamp = delivery.OccurredAt,
                customerId = delivery.CustomerExternalId,
                sequence = delivery.Sequence,
                data = JsonSerializer.Deserialize<JsonElement>(delivery.Data),
            },
            Json
        );

    private sealed record Outgoing(
        long Id,
        int Attempts,
        string EventId,
        CustomerEventType Type,
        DateTime OccurredAt,
        long Sequence,
        string Data,
        string CustomerExternalId
    );

    /// <summary>One endpoint's caps in this process: deliveries taken and not yet answered, requests in flight,
    /// requests per second.</summary>
    private sealed class EndpointGate(WebhookEndpoint endpoint)
    {
        private int _outstanding;
        private long _nextSlotTicks;
        private int _maxPerSecond = endpoint.MaxPerSecond;

        public SemaphoreSlim Slots { get; private set; } = new(endpoint.MaxConcurrency);
        private int _maxConcurrency = endpoint.MaxConcurrency;

        /// <summary>Deliveries taken by this instance and not yet answered.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        public EndpointGate With(WebhookEndpoint changed)
        {
            if (changed.MaxConcurrency != _maxConcurrency)
                (Slots, _maxConcurrency) = (new SemaphoreSlim(changed.MaxConcurrency), changed.MaxConcurrency);
            _maxPerSecond = changed.MaxPerSecond;
            return this;
        }

        public void Taken() => Interlocked.Increment(ref _outstanding);

        public void Answered() => Interlocked.Decrement(ref _outstanding);

        /// <summary>Waits for this request's slot: one every 1/maxPerSecond seconds.</summary>
        public Task PaceAsync(TimeProvider clock, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcTicks;
            var interval = TimeSpan.TicksPerSecond / Math.Max(1, _maxPerSecond);
            long slot;
            lock (this)
            {
                slot = Math.Max(_nextSlotTicks, now);
                _nextSlotTicks = slot + interval;
            }
            return slot <= now
                ? Task.CompletedTask
                : Task.Delay(TimeSpan.FromTicks(slot - now), clock, cancellationToken);
        }
    }
}
