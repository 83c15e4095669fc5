using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Personalize.Customers;
using Personalize.Data;

namespace Personalize.Scores;

/// <summary>
/// The customers' indexes over score columns (predicted CLV, P(alive), historical CLV, RFM score), set aside while a
/// recompute rewrites every customer's scores and built again before its commit. Building an index from the rows costs
/// less than moving each of a million entries to its new place: on a million customers the update took 25 s of CPU with
/// the indexes, 4 s without them plus 10 s to build them again. SQLite only: a reader keeps its snapshot of the
/// database until the commit. On SQL Server, dropping an index takes a schema lock that would block every reader of
/// the customers until then, so there the indexes stay.
/// </summary>
internal static class ScoreIndexes
{
    // Every column the recompute writes for every customer.
    private static readonly string[] ScoreProperties =
    [
        nameof(Customer.ScoreSnapshotId),
        nameof(Customer.ScoresAsOf),
        nameof(Customer.ScoredAt),
        nameof(Customer.RepeatPurchases),
        nameof(Customer.RecencyPeriods),
        nameof(Customer.AgePeriods),
        nameof(Customer.MonetaryValue),
        nameof(Customer.ProbabilityAlive),
        nameof(Customer.ExpectedPurchases),
        nameof(Customer.PredictedClv),
        nameof(Customer.HistoricalClv),
        nameof(Customer.AverageOrderValue),
        nameof(Customer.ExpectedAverageOrderValue),
        nameof(Customer.RfmRecency),
        nameof(Customer.RfmFrequency),
        nameof(Customer.RfmMonetary),
        nameof(Customer.RfmScore),
        nameof(Customer.RhythmDueAt),
    ];

    /// <summary>Drops the indexes (within the caller's transaction) and returns what builds them again.</summary>
    public static async Task<Func<CancellationToken, Task>> SetAsideAsync(
        PersonalizeDbContext db,
        CancellationToken cancellationToken
    )
    {
        if (!db.Database.IsSqlite())
            return _ => Task.CompletedTask;
        // The design-time model: the runtime one does not keep everything an index definition needs.
        var model = db.GetService<IDesignTimeModel>().Model;
        var entity = model.FindEntityType(typeof(Customer))!;
        var columns = ScoreProperties.Select(p => entity.FindProperty(p)!.GetColumnName()).ToHashSet();
        var table = model.GetRelationalModel().FindTable(entity.GetTableName()!, entity.GetSchema())!;
        var indexes = table.Indexes.Where(i => i.Columns.Any(c => columns.Contains(c.Name))).ToList();
        var generator = db.GetService<IMigrationsSqlGenerator>();
        await ExecuteAsync(
            db,
            generator.Generate(
                indexes
                    .Select(i =>
                        (MigrationOperation)
                            new DropIndexOperation
                            {
                                Name = i.Name,
                                Table = table.Name,
                                Schema = table.Schema,
                            }
                    )
                    .ToList(),
                model
            ),
            cancellationToken
        );
        var create = generator.Generate(
            indexes.Select(i => (MigrationOperation)CreateIndexOperation.CreateFrom(i)).ToList(),
            model
        );
        return token => ExecuteAsync(db, create, token);
    }

    private static async Task ExecuteAsync(
        PersonalizeDbContext db,
        IReadOnlyList<MigrationCommand> commands,
        CancellationToken cancellationToken
    )
    {
        foreach (var command in commands)
            await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
    }
}
