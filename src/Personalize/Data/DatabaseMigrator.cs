using Microsoft.EntityFrameworkCore;

namespace Personalize.Data;

/// <summary>Brings the database schema up to date; on SQLite also turns on WAL so readers never wait for the
/// writer.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<PersonalizeDbContext> factory)
{
    /// <returns>True when the database had no tables before (a new database).</returns>
    public async Task<bool> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var isNew = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        return isNew;
    }
}
