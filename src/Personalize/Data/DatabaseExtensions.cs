using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Personalize.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// For bulk jobs on SQLite: a 256 MiB page cache for this (open) connection, so that the index pages a job
    /// rewrites stay in memory instead of being read back from disk over and over. No effect on other providers.
    /// </summary>
    public static async Task UseLargePageCacheAsync(this PersonalizeDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;", cancellationToken);
    }

    /// <summary>True when a write failed on a unique index: another request wrote the same key first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is System.Data.Common.DbException inner && inner.IsUniqueViolation();

    /// <summary>The same for a raw SQL statement, which throws the provider's own exception.</summary>
    public static bool IsUniqueViolation(this System.Data.Common.DbException exception) =>
        exception switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
            _ => false,
        };
}
