namespace Personalize.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the "Database" section; the connection string is ConnectionStrings:Personalize.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Personalize";
    public const string DefaultSqliteConnectionString = "Data Source=personalize.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite only: keep each pooled context's connection open and reuse its compiled statements
    /// (<see cref="SqlitePreparedStatements"/>), which builds on EF Core internals. Off: EF Core's own connection
    /// handling, each statement compiled when it runs.
    /// </summary>
    public bool PreparedStatements { get; set; } = true;

    /// <summary>
    /// SQLite only: how much of the database file each analytics connection maps into memory
    /// (<see cref="AnalyticsDbContextFactory"/>); pages past it are read by system calls. 0 maps nothing.
    /// </summary>
    public int AnalyticsMemoryMapMegabytes { get; set; } = 2048;
}
