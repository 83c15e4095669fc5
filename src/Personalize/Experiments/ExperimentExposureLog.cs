using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Experiments;

/// <summary>
/// Stores the exposures of served decisions: one INSERT per page that keeps an existing row (the first exposure fixes
/// the arm), and a memory of the pairs this process already stored so a returning customer costs no statement.
/// </summary>
public sealed class ExperimentExposureLog(IDbContextFactory<PersonalizeDbContext> factory)
{
    private const int MaxRemembered = 1_000_000;

    // The arm stored for each (experiment, customer) pair this process wrote or read; null value = holdout.
    private readonly ConcurrentDictionary<(long Experiment, long Customer), long?> _stored = new();

    public async Task LogAsync(
        IReadOnlyCollection<(ExperimentArm Arm, long CustomerId)> exposures,
        DateTime at,
        CancellationToken cancellationToken
    )
    {
        var fresh = exposures
            .Where(x => !_stored.ContainsKey((x.Arm.Experiment.Id, x.CustomerId)))
            .DistinctBy(x => (x.Arm.Experiment.Id, x.CustomerId))
            .ToList();
        if (fresh.Count == 0)
            return;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sqlServer = db.Database.IsSqlServer();
        var rows = JsonSerializer.Serialize(
            fresh.Select(x => new
            {
                experimentId = x.Arm.Experiment.Id,
                customerId = x.CustomerId,
                variantId = x.Arm.Variant?.Id,
                exposedAt = at.ToString(
                    sqlServer ? "yyyy-MM-ddTHH:mm:ss.fffffff" : "yyyy-MM-dd HH:mm:ss.FFFFFFF",
                    System.Globalization.CultureInfo.InvariantCulture
                ),
            })
        );
        var parameter = System
            .Data.Common.DbProviderFactories.GetFactory(db.Database.GetDbConnection())!
            .CreateParameter()!;
        parameter.ParameterName = "@rows";
        parameter.Value = rows;
        await db.Database.ExecuteSqlRawAsync(
            sqlServer ? SqlServerInsert : SqliteInsert,
            [parameter],
            cancellationToken
        );
        if (_stored.Count > MaxRemembered)
            _stored.Clear();
        foreach (var x in fresh)
            _stored.TryAdd((x.Arm.Experiment.Id, x.CustomerId), x.Arm.Variant?.Id);
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
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
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
