using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Personalize.Data;

/// <summary>Tells a database that is down, locked or missing (worth a retry later: 503) from a bug (500).</summary>
public static class DatabaseFaults
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_READONLY, SQLITE_FULL,
    // SQLITE_PROTOCOL
    private static readonly int[] UnavailableSqliteCodes = [5, 6, 10, 14, 26, 8, 13, 15];

    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case SqliteException sqlite when UnavailableSqliteCodes.Contains(sqlite.SqliteErrorCode):
                case DbException { IsTransient: true }:
                case TimeoutException:
                    return true;
                case Microsoft.Data.SqlClient.SqlException sql
                    when sql.Number
                        is -2
                            or 53
                            or 4060
                            or 18456
                            or 40613
                            or 40197
                            or 40501
                            or 233
                            or 10053
                            or 10054
                            or 10060:
                    return true;
            }
        return false;
    }
}
