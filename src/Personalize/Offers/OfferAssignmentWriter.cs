using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Offers;

/// <summary>
/// Group commit (<see cref="GroupCommit{TWrite}"/>) for new offer assignments: the assignments of concurrent decisions
/// go in one INSERT, one commit for many page views. When a combined INSERT hits a unique index (two decisions raced
/// for one customer, or a code collided), only the decision at fault gets the error — and decides again.
/// </summary>
public sealed class OfferAssignmentWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatchRows = 2_000;

    private sealed record Pending(IReadOnlyList<OfferAssignment> Assignments, TaskCompletionSource Stored);

    private readonly IDbContextFactory<PersonalizeDbContext> _factory;
    private readonly CustomerNearCache _nearCache;
    private readonly EventOutbox _outbox;
    private readonly GroupCommit<Pending> _queue;

    public OfferAssignmentWriter(
        IDbContextFactory<PersonalizeDbContext> factory,
        CustomerNearCache nearCache,
        EventOutbox outbox,
        ILogger<OfferAssignmentWriter> logger
    )
    {
        (_factory, _nearCache, _outbox) = (factory, nearCache, outbox);
        _queue = new GroupCommit<Pending>(
            StoreAsync,
            (pending, e) => pending.Stored.TrySetException(e),
            pending => pending.Assignments.Count,
            MaxBatchRows,
            logger
        );
    }

    /// <summary>Stores the assignments of one decision, all or none.</summary>
    public Task InsertAsync(IReadOnlyList<OfferAssignment> assignments, CancellationToken cancellationToken)
    {
        var pending = new Pending(
            assignments,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
        );
        _queue.Enqueue(pending);
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    // What was queued is written before the process exits.
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    public void Dispose() => _queue.Dispose();

    private async Task StoreAsync(IReadOnlyList<Pending> batch)
    {
        var assignments = batch.SelectMany(p => p.Assignments).ToList();
        await InsertAsync(assignments);
        _nearCache.Invalidate(assignments.Select(a => a.CustomerId));
        foreach (var pending in batch)
            pending.Stored.TrySetResult();
    }

    /// <summary>The assignments in one INSERT ... SELECT over a JSON array parameter, and their offer-assigned events,
    /// in one transaction.</summary>
    private async Task InsertAsync(IReadOnlyList<OfferAssignment> assignments)
    {
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sqlServer = db.Database.IsSqlServer();
        var rows = JsonSerializer.Serialize(
            assignments.Select(a => new
            {
                code = a.Code,
                offerId = a.OfferId,
                customerId = a.CustomerId,
                round = a.Round,
                channel = (int)a.Channel,
                assignedAt = Timestamp(a.AssignedAt, sqlServer),
                expiresAt = Timestamp(a.ExpiresAt, sqlServer),
                stage = (int)a.Stage,
                customerValue = a.CustomerValue,
                daysSinceLastOrder = a.DaysSinceLastOrder,
                p = a.RedeemProbability,
                net = a.ExpectedNetValue,
                reason = a.Reason,
            })
        );
        await db.Database.ExecuteSqlRawAsync(sqlServer ? SqlServerInsert : SqliteInsert, [CreateParameter(db, rows)]);
        await _outbox.AppendAsync(
            db,
            assignments
                .Select(a => new NewEvent(
                    a.CustomerId,
                    CustomerEventType.OfferAssigned,
                    a.AssignedAt,
                    new
                    {
                        offer = a.Offer?.Code,
                        code = a.Code,
                        channel = a.Channel,
                        expiresAt = a.ExpiresAt,
                    }
                ))
                .ToList(),
            default
        );
        await transaction.CommitAsync();
    }

    // The providers' own text forms of a UTC time: SQLite stores EF Core's "yyyy-MM-dd HH:mm:ss.FFFFFFF", SQL Server
    // parses ISO 8601.
    private static string Timestamp(DateTime time, bool sqlServer) =>
        time.ToString(
            sqlServer ? "yyyy-MM-ddTHH:mm:ss.fffffff" : "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            System.Globalization.CultureInfo.InvariantCulture
        );

    private static System.Data.Common.DbParameter CreateParameter(PersonalizeDbContext db, string json)
    {
        // From the provider's factory, not from a command: a command created on the kept-open connection and never
        // disposed stays in that connection's command list for good, and every later command walks the list.
        var parameter = System
            .Data.Common.DbProviderFactories.GetFactory(db.Database.GetDbConnection())!
            .CreateParameter()!;
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
