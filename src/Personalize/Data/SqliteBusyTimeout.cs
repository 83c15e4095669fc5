using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Personalize.Data;

/// <summary>
/// SQLite lets one writer at a time. Without a busy timeout a second writer gets SQLITE_BUSY at once, and
/// Microsoft.Data.Sqlite retries after sleeping 150 ms on the request's thread: under concurrent writes (offer
/// assignments, experiment exposures, interactions) the storefront's tail became those sleeps. With
/// <c>PRAGMA busy_timeout</c> SQLite itself waits for the lock, in steps of 1 to 100 ms, which is as long as the
/// writer ahead of it takes.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    // As long as a command may run: the lock is waited for, not given up on.
    private const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Pragma(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        await using var command = Pragma(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Pragma(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        return command;
    }
}
