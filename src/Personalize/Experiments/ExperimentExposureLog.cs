using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Data;

namespace Personalize.Experiments;

/// <summary>
/// Stores the exposures of served decisions: the exposures of concurrent decisions go in one INSERT that keeps an
/// existing row (the first exposure fixes the arm), one commit for many page views (<see cref="GroupCommit{TWrite}"/>),
/// and a memory of the pairs this process already stored means a returning customer costs no statement.
/// </summary>
public sealed class ExperimentExposureLog : IAsyncDisposable, IDisposable
{
    private const int MaxRemembered = 1_000_000;
    private const int MaxBatchRows = 2_000;

    private sealed record Exposure(long ExperimentId, long CustomerId, long? VariantId);

    private sealed record Pending(IReadOnlyList<Exposure> Exposures, DateTime At, TaskCompletionSource Stored);

    private readonly IDbContextFactory<PersonalizeDbContext> _factory;
    private readonly GroupCommit<Pending> _queue;

    // The arm stored for each (experiment, customer) pair this process wrote or read; null value = holdout.
    private readonly ConcurrentDictionary<(long Experiment, long Customer), long?> _stored = new();

    public ExperimentExposureLog(IDbContextFactory<PersonalizeDbContext> factory, ILogger<ExperimentExposureLog> logger)
    {
        _factory = factory;
        _queue = new GroupCommit<Pending>(
            StoreAsync,
            (pending, e) => pending.Stored.TrySetException(e),
            pending => pending.Exposures.Count,
            MaxBatchRows,
            logger
        );
    }

    /// <summary>Stores the exposures not stored before; returns once they are committed.</summary>
    public Task LogAsync(
        IReadOnlyCollection<(ExperimentArm Arm, long CustomerId)> exposures,
        DateTime at,
        CancellationToken cancellationToken
    )
    {
        var fresh = exposures
            .Where(x => !_stored.ContainsKey((x.Arm.Experiment.Id, x.CustomerId)))
            .DistinctBy(x => (x.Arm.Experiment.Id, x.CustomerId))
            .Select(x => new Exposure(x.Arm.Experiment.Id, x.CustomerId, x.Arm.Variant?.Id))
            .ToList();
        if (fresh.Count == 0)
            return Task.CompletedTask;
        var pending = new Pending(fresh, at, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(pending);
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    // What was queued is written before the process exits.
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    public void Dispose() => _queue.Dispose();

    private async Task StoreAsync(IReadOnlyList<Pending> batch)
    {
        // Two decisions for one new customer may meet in a batch: the first row stands, as it would in the table.
        var exposures = batch
            .SelectMany(p => p.Exposures.Select(x => (p.At, Exposure: x)))
            .DistinctBy(r => (r.Exposure.ExperimentId, r.Exposure.CustomerId))
            .ToList();
        await using var db = await _factory.CreateDbContextAsync();
        var sqlServer = db.Database.IsSqlServer();
        var rows = JsonSerializer.Serialize(
            exposures.Select(r => new
            {
                experimentId = r.Exposure.ExperimentId,
                customerId = r.Exposure.CustomerId,
                variantId = r.Exposure.VariantId,
                exposedAt = r.At.ToString(
                    sqlServer ? "yyyy-MM-ddTHH:mm:ss.fffffff" : "yyyy-MM-dd HH:mm:ss.FFFFFFF",
                    CultureInfo.InvariantCulture
                ),
            })
        );
        var parameter = DbProviderFactories.GetFactory(db.Database.GetDbConnection())!.CreateParameter()!;
        parameter.ParameterName = "@rows";
        parameter.Value = rows;
        await db.Database.ExecuteSqlRawAsync(sqlServer ? SqlServerInsert : SqliteInsert, [parameter]);
        if (_stored.Count > MaxRemembered)
            _stored.Clear();
        foreach (var (_, x) in exposures)
            _stored.TryAdd((x.ExperimentId, x.CustomerId), x.VariantId);
        foreach (var pending in batch)
            pending.Stored.TrySetResult();
    }

    /// <summary>The arms stored for these customers in these experiments (pairs without an exposure are absent): from
    /// memory, else one statement.</summary>
    public async Task<IReadOnlyDictionary<(long, long), long?>> StoredArmsAsync(
        IReadOnlyList<long> experimentIds,
        IReadOnlyList<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var result = new Dictionary<(long, long), long?>();
        var missing = new HashSet<long>();
        foreach (var e in experimentIds)
        foreach (var c in customerIds)
            if (_stored.TryGetValue((e, c), out var v))
                result[(e, c)] = v;
            else
                missing.Add(c);
        if (missing.Count == 0)
            return result;
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var rows = await db
            .ExperimentExposures.Where(x => experimentIds.Contains(x.ExperimentId) && missing.Contains(x.CustomerId))
            .Select(x => new
            {
                x.ExperimentId,
                x.CustomerId,
                x.VariantId,
            })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            result[(row.ExperimentId, row.CustomerId)] = row.VariantId;
            _stored.TryAdd((row.ExperimentId, row.CustomerId), row.VariantId);
        }
        return result;
    }

    /// <summary>Forgets what was stored (an experiment's exposures were deleted, e.g. by erasure).</summary>
    public void Forget() => _stored.Clear();

    public const string SqliteInsert = """
        INSERT OR IGNORE INTO "ExperimentExposures" ("ExperimentId", "CustomerId", "VariantId", "ExposedAt")
        SELECT json_extract(r.value, '$.experimentId'), json_extract(r.value, '$.customerId'), json_extract(r.value, '$.variantId'), json_extract(r.value, '$.exposedAt')
        FROM json_each(@rows) AS r
        """;

    public const string SqlServerInsert = """
        INSERT INTO [ExperimentExposures] ([ExperimentId], [CustomerId], [VariantId], [ExposedAt])
        SELECT r.[ExperimentId], r.[CustomerId], r.[VariantId], r.[ExposedAt]
        FROM OPENJSON(@rows) WITH ([ExperimentId] bigint '$.experimentId', [CustomerId] bigint '$.customerId', [VariantId] bigint '$.variantId', [ExposedAt] datetime2 '$.exposedAt') AS r
        WHERE NOT EXISTS (SELECT 1 FROM [ExperimentExposures] x WITH (UPDLOCK, HOLDLOCK) WHERE x.[ExperimentId] = r.[ExperimentId] AND x.[CustomerId] = r.[CustomerId])
        """;
}
