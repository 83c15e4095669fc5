using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IDbContextFactory{PersonalizeDbContext}"/> for the configured provider.
    /// Every unit of work (a batch load, a mutation) creates its own short-lived context.
    /// </summary>
    public static IServiceCollection AddPersonalizeData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration
            .GetSection(DatabaseOptions.Section)
            .Get<DatabaseOptions>(o => o.ErrorOnUnknownConfiguration = true)
            ?? new DatabaseOptions();
        if (options.AnalyticsMemoryMapMegabytes < 0)
            throw new InvalidOperationException("Database:AnalyticsMemoryMapMegabytes must be 0 (no mapping) or more.");
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddSingleton<SqlStatementCounter>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SqlStatementCounter>());
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        "Database:Provider is SqlServer but ConnectionStrings:Personalize is empty."
                    );
                services.AddPooledDbContextFactory<SqlServerPersonalizeDbContext>(
                    (sp, db) =>
                        db.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())
                            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                            .AddInterceptors(sp.GetServices<IInterceptor>())
                );
                services.AddSingleton<
                    IDbContextFactory<PersonalizeDbContext>,
                    UpcastFactory<SqlServerPersonalizeDbContext>
                >();
                services.AddSingleton(sp => new AnalyticsDbContextFactory(
                    sp.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>(),
                    maxLeases: null
                ));
                break;
            default:
                SqliteLibrary.Configure();
                if (options.PreparedStatements)
                {
                    services.AddSingleton<SqlitePreparedStatements>();
                    services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SqlitePreparedStatements>());
                }
                var sqlite = string.IsNullOrWhiteSpace(connectionString)
                    ? DatabaseOptions.DefaultSqliteConnectionString
                    : connectionString;
                services.AddPooledDbContextFactory<SqlitePersonalizeDbContext>(
                    (sp, db) => ConfigureSqlite(sp, db, options, sqlite, new SqliteConnectionPragmas())
                );
                services.AddSingleton<
                    IDbContextFactory<PersonalizeDbContext>,
                    UpcastFactory<SqlitePersonalizeDbContext>
                >();
                services.AddSingleton(sp =>
                {
                    var db = new DbContextOptionsBuilder<SqlitePersonalizeDbContext>().UseApplicationServiceProvider(
                        sp
                    );
                    // Its own connection string, so Microsoft.Data.Sqlite pools these connections apart from the others.
                    var analytics = new SqliteConnectionStringBuilder(sqlite);
                    if (analytics.Mode != SqliteOpenMode.Memory)
                        analytics.Mode = SqliteOpenMode.ReadOnly;
                    var mapped = new SqliteConnectionPragmas(options.AnalyticsMemoryMapMegabytes * 1024L * 1024);
                    ConfigureSqlite(sp, db, options, analytics.ConnectionString, mapped);
                    return new AnalyticsDbContextFactory(
                        new UpcastFactory<SqlitePersonalizeDbContext>(
                            new PooledDbContextFactory<SqlitePersonalizeDbContext>(db.Options)
                        ),
                        Environment.ProcessorCount
                    );
                });
                break;
        }
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    private static void ConfigureSqlite(
        IServiceProvider services,
        DbContextOptionsBuilder db,
        DatabaseOptions options,
        string connectionString,
        SqliteConnectionPragmas pragmas
    )
    {
        db.UseSqlite(
                connectionString,
                // One json_each parameter for a list of ids: the same SQL text for any count, so it is generated once.
                sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)
            )
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(services.GetServices<IInterceptor>())
            .AddInterceptors(pragmas);
        if (options.PreparedStatements)
            db.ReplaceService<IRelationalConnection, KeptOpenSqliteConnection>();
    }

    private sealed class UpcastFactory<TContext>(IDbContextFactory<TContext> inner)
        : IDbContextFactory<PersonalizeDbContext>
        where TContext : PersonalizeDbContext
    {
        public PersonalizeDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<PersonalizeDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
