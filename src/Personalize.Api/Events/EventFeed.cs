using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Events;

/// <summary>
/// Live events for subscriptions, from the outbox itself: this process's writes wake it at once, and every
/// `Events:Webhooks:PollSeconds` it reads what other instances wrote to the same database. The database is the
/// channel between instances, so a subscriber misses nothing while Redis is down, and no Redis is needed.
/// A subscription starts with the events written after it began.
/// </summary>
public sealed class EventFeed(
    EventQueries queries,
    EventOutbox outbox,
    IOptions<WebhookOptions> options,
    ILogger<EventFeed> logger
) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly List<Subscriber> _subscribers = [];
    private long _last = -1;

    public sealed record Filter(IReadOnlySet<CustomerEventType>? Types, long? CustomerId)
    {
        public bool Admits(CustomerEvent e) =>
            (Types is null || Types.Contains(e.Type)) && (CustomerId is null || CustomerId == e.CustomerId);
    }

    /// <summary>The subscriptions listening now.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock)
                return _subscribers.Count;
        }
    }

    /// <summary>A stream of the events admitted by the filter, from now on.</summary>
    public IObservable<CustomerEvent> Stream(Filter filter) => new Observable(this, filter);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var background = SqlStatementCounter.Background();
        var idle = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var appended = outbox.NextAppend;
            try
            {
                bool listened;
                lock (_lock)
                    listened = _subscribers.Count > 0;
                // Without subscribers only the position moves: nobody reads the events it passes.
                if (_last < 0 || !listened)
                    _last = await queries.LastIdAsync(stoppingToken);
                else
                    await PublishAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The event feed could not read the outbox; it tries again.");
            }
            await Task.WhenAny(appended, Task.Delay(idle, stoppingToken));
        }
        lock (_lock)
            foreach (var s in _subscribers)
                s.Observer.OnCompleted();
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await queries.AfterAsync(_last, null, null, EventQueries.MaxPage, cancellationToken);
            if (events.Count == 0)
                return;
            Subscriber[] subscribers;
            lock (_lock)
                subscribers = [.. _subscribers];
            foreach (var e in events)
            foreach (var s in subscribers.Where(s => s.Filter.Admits(e)))
                s.Observer.OnNext(e);
            _last = events[^1].Id;
        }
    }

    private sealed record Subscriber(IObserver<CustomerEvent> Observer, Filter Filter);

    private sealed class Observable(EventFeed feed, Filter filter) : IObservable<CustomerEvent>
    {
        public IDisposable Subscribe(IObserver<CustomerEvent> observer)
        {
            var subscriber = new Subscriber(observer, filter);
            lock (feed._lock)
                feed._subscribers.Add(subscriber);
            return new Unsubscriber(feed, subscriber);
        }
    }

    private sealed class Unsubscriber(EventFeed feed, Subscriber subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._lock)
                feed._subscribers.Remove(subscriber);
        }
    }
}
