using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Personalize.Data;

/// <summary>
/// The settings each SQLite connection gets when it opens.
/// <list type="bullet">
/// <item><c>busy_timeout</c>: SQLite lets one writer at a time. Without a busy timeout a second writer gets SQLITE_BUSY
/// at once, and Microsoft.Data.Sqlite retries after sleeping 150 ms on the request's thread: under concurrent writes
/// (offer assignments, experiment exposures, interactions) the storefront's tail became those sleeps. With it SQLite
/// itself waits for the lock, in steps of 1 to 100 ms, which is as long as the writer ahead of it takes.</item>
/// <item><c>mmap_size</c>, for the analytics connections only (<see cref="AnalyticsDbContextFactory"/>): a page is read
/// from the mapped file instead of by a system call that copies it, which was a quarter of the KPI view's CPU.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionPragmas(long memoryMapBytes = 0) : DbConnectionInterceptor
{
    // As long as a command may run: the lock is waited for, not given up on.
    public const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _pragmas =
        $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"
        + (memoryMapBytes > 0 ? $" PRAGMA mmap_size = {memoryMapBytes};" : "");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        await using var command = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Pragmas(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        return command;
    }
}
