using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Data;

namespace Personalize.Offers;

/// <summary>
/// Group commit for new offer assignments, like <see cref="Interactions.InteractionWriter"/>: concurrent decisions
/// queue their new assignments, one writer stores all that queued in one INSERT (one commit, so one fsync of the
/// SQLite log for many page views), then answers each decision. No answer comes before its commit. When a combined
/// INSERT fails (a unique index: two decisions raced for one customer, or a code collided), each decision's
/// assignments are stored alone, so only the decision at fault gets the error — and decides again.
/// </summary>
public sealed class OfferAssignmentWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 2_000;

    private sealed record Pending(IReadOnlyList<OfferAssignment> Assignments, TaskCompletionSource Stored);

    private readonly IDbContextFactory<PersonalizeDbContext> _factory;
    private readonly ILogger<OfferAssignmentWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public OfferAssignmentWriter(IDbContextFactory<PersonalizeDbContext> factory, ILogger<OfferAssignmentWriter> logger)
    {
        (_factory, _logger) = (factory, logger);
        _writer = Task.Run(WriteQueuedAsync);
    }

    /// <summary>Stores the assignments of one decision, all or none.</summary>
    public Task InsertAsync(IReadOnlyList<OfferAssignment> assignments, CancellationToken cancellationToken)
    {
        var pending = new Pending(assignments, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(OfferAssignmentWriter), "The service is shutting down.");
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    // What was queued is written before the process exits.
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteQueuedAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var rows = 0;
            while (rows < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                rows += pending.Assignments.Count;
            }
            try
            {
                await StoreAsync(batch.SelectMany(p => p.Assignments).ToList());
                foreach (var pending in batch) pending.Stored.TrySetResult();
            }
            catch (Exception e) when (batch.Count > 1)
            {
                _logger.LogDebug(e, "Storing the assignments of {Count} decisions together failed; storing them one decision at a time.", batch.Count);
                foreach (var pending in batch) await StoreAloneAsync(pending);
            }
            catch (Exception e)
            {
                batch[0].Stored.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task StoreAloneAsync(Pending pending)
    {
        try
        {
            await StoreAsync(pending.Assignments);
            pending.Stored.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Stored.TrySetException(e);
        }
    }

    /// <summary>The assignments in one INSERT ... SELECT over a JSON array parameter.</summary>
    private async Task StoreAsync(IReadOnlyList<OfferAssignment> assignments)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var sqlServer = db.Database.IsSqlServer();
        var rows = JsonSerializer.Serialize(assignments.Select(a => new
        {
            code = a.Code, offerId = a.OfferId, customerId = a.CustomerId, round = a.Round, channel = (int)a.Channel,
            assignedAt = Timestamp(a.AssignedAt, sqlServer), expiresAt = Timestamp(a.ExpiresAt, sqlServer), stage = (int)a.Stage,
            customerValue = a.CustomerValue, daysSinceLastOrder = a.DaysSinceLastOrder, p = a.RedeemProbability, net = a.ExpectedNetValue, reason = a.Reason,
        }));
        await db.Database.ExecuteSqlRawAsync(sqlServer ? SqlServerInsert : SqliteInsert, [CreateParameter(db, rows)]);
    }

    // The providers' own text forms of a UTC time: SQLite stores EF Core's "yyyy-MM-dd HH:mm:ss.FFFFFFF", SQL Server parses ISO 8601.
    private static string Timestamp(DateTime time, bool sqlServer) =>
        time.ToString(sqlServer ? "yyyy-MM-ddTHH:mm:ss.fffffff" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static System.Data.Common.DbParameter CreateParameter(PersonalizeDbContext db, string json)
    {
        var parameter = db.Database.GetDbConnection().CreateCommand().CreateParameter();
        parameter.ParameterName = "@rows";
        parameter.Value = json;
        return parameter;
    }

    private const string Columns = """
        "Code", "OfferId", "CustomerId", "Round", "Channel", "AssignedAt", "ExpiresAt", "Stage", "CustomerValue", "DaysSinceLastOrder", "RedeemProbability", "ExpectedNetValue", "Reason"
        """;

    public const string SqliteInsert = $"""
        INSERT INTO "OfferAssignments" ({Columns})
        SELECT json_extract(r.value, '$.code'), json_extract(r.value, '$.offerId'), json_extract(r.value, '$.customerId'), json_extract(r.value, '$.round'),
               json_extract(r.value, '$.channel'), json_extract(r.value, '$.assignedAt'), json_extract(r.value, '$.expiresAt'), json_extract(r.value, '$.stage'),
               json_extract(r.value, '$.customerValue'), json_extract(r.value, '$.daysSinceLastOrder'), json_extract(r.value, '$.p'), json_extract(r.value, '$.net'),
               json_extract(r.value, '$.reason')
        FROM json_each(@rows) AS r
        """;

    public const string SqlServerInsert = """
        INSERT INTO [OfferAssignments] ([Code], [OfferId], [CustomerId], [Round], [Channel], [AssignedAt], [ExpiresAt], [Stage], [CustomerValue], [DaysSinceLastOrder], [RedeemProbability], [ExpectedNetValue], [Reason])
        SELECT [Code], [OfferId], [CustomerId], [Round], [Channel], [AssignedAt], [ExpiresAt], [Stage], [CustomerValue], [DaysSinceLastOrder], [RedeemProbability], [ExpectedNetValue], [Reason]
        FROM OPENJSON(@rows) WITH (
            [Code] nvarchar(32) '$.code', [OfferId] bigint '$.offerId', [CustomerId] bigint '$.customerId', [Round] int '$.round', [Channel] int '$.channel',
            [AssignedAt] datetime2 '$.assignedAt', [ExpiresAt] datetime2 '$.expiresAt', [Stage] int '$.stage', [CustomerValue] decimal(18, 4) '$.customerValue',
            [DaysSinceLastOrder] int '$.daysSinceLastOrder', [RedeemProbability] float '$.p', [ExpectedNetValue] decimal(18, 4) '$.net', [Reason] nvarchar(400) '$.reason')
        """;
}
