using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Personalize.Data;

public static class DbExceptions
{
    /// <summary>True when a write failed on a unique index: another request wrote the same key first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}
