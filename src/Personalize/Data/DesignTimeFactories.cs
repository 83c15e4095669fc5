using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Personalize.Data;

// Used by `dotnet ef migrations add` only; see README "Changing the data model".
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePersonalizeDbContext>
{
    public SqlitePersonalizeDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<SqlitePersonalizeDbContext>()
                .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString)
                .Options
        );
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPersonalizeDbContext>
{
    public SqlServerPersonalizeDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<SqlServerPersonalizeDbContext>()
                .UseSqlServer("Server=design-time;Database=Personalize")
                .Options
        );
}
