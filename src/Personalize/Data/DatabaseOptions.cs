namespace Personalize.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>Bound from the "Database" section; the connection string is ConnectionStrings:Personalize.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Personalize";
    public const string DefaultSqliteConnectionString = "Data Source=personalize.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
