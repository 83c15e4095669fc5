using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Personalize.Data;

/// <summary>
/// Group commit. Concurrent callers queue their writes; one writer hands whatever has queued (up to a total weight) to
/// <c>store</c>, which writes it in one transaction and answers each caller — on SQLite one commit, one fsync of the
/// log, serves many writes. No caller is answered before its commit. When a batch fails, each write is stored alone,
/// so one bad write (or a race with another writer over a unique key) fails only its own caller, through <c>fail</c>.
/// Disposing stores what was queued before it returns. A writer whose callers can wait (background work) may ask for
/// a gathering time: after the first write arrives, the batch waits that long for more, so that a steady trickle of
/// writes takes a few transactions a second instead of one each.
/// </summary>
public sealed class GroupCommit<TWrite> : IAsyncDisposable, IDisposable
{
    private readonly Func<IReadOnlyList<TWrite>, Task> _store;
    private readonly Action<TWrite, Exception> _fail;
    private readonly Func<TWrite, int> _weight;
    private readonly int _maxBatchWeight;
    private readonly ILogger _logger;
    private readonly TimeSpan _gather;
    private readonly Channel<TWrite> _queue = Channel.CreateUnbounded<TWrite>(
        new UnboundedChannelOptions { SingleReader = true }
    );
    private readonly Task _writer;
    private readonly TaskCompletionSource _closing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="store">Writes a batch in one transaction, then answers its callers; throws if nothing was written.</param>
    /// <param name="fail">Answers the caller of a write that could not be stored.</param>
    /// <param name="weight">A write's share of <paramref name="maxBatchWeight"/> (e.g. its rows).</param>
    /// <param name="gather">How long a batch waits for more writes after its first (none by default).</param>
    public GroupCommit(
        Func<IReadOnlyList<TWrite>, Task> store,
        Action<TWrite, Exception> fail,
        Func<TWrite, int> weight,
        int maxBatchWeight,
        ILogger logger,
        TimeSpan gather = default
    )
    {
        (_store, _fail, _weight, _maxBatchWeight, _logger, _gather) = (
            store,
            fail,
            weight,
            maxBatchWeight,
            logger,
            gather
        );
        _writer = Task.Run(WriteQueuedAsync);
    }

    public void Enqueue(TWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(GetType().Name, "The service is shutting down.");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _closing.TrySetResult();
        await _writer;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteQueuedAsync()
    {
        var batch = new List<TWrite>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (_gather > TimeSpan.Zero)
                await Task.WhenAny(Task.Delay(_gather), _closing.Task);
            var weight = 0;
            while (weight < _maxBatchWeight && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
                weight += _weight(write);
            }
            try
            {
                await _store(batch);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                _logger.LogDebug(
                    e,
                    "Storing {Count} queued writes together failed; storing them one at a time.",
                    batch.Count
                );
                foreach (var write in batch)
                    await StoreAloneAsync(write);
            }
            catch (Exception e)
            {
                _fail(batch[0], e);
            }
            batch.Clear();
        }
    }

    private async Task StoreAloneAsync(TWrite write)
    {
        try
        {
            await _store([write]);
        }
        catch (Exception e)
        {
            _fail(write, e);
        }
    }
}
