using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
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
                break;
            default:
                SqliteLibrary.Configure();
                if (options.PreparedStatements)
                {
                    services.AddSingleton<SqlitePreparedStatements>();
                    services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SqlitePreparedStatements>());
                }
                services.AddPooledDbContextFactory<SqlitePersonalizeDbContext>(
                    (sp, db) =>
                    {
                        db.UseSqlite(
                                string.IsNullOrWhiteSpace(connectionString)
                                    ? DatabaseOptions.DefaultSqliteConnectionString
                                    : connectionString,
                                // One json_each parameter for a list of ids: the same SQL text for any count, so it is
                                // generated once.
                                sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)
                            )
                            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                            .AddInterceptors(sp.GetServices<IInterceptor>())
                            .AddInterceptors(new SqliteBusyTimeout());
                        if (options.PreparedStatements)
                            db.ReplaceService<IRelationalConnection, KeptOpenSqliteConnection>();
                    }
                );
                services.AddSingleton<
                    IDbContextFactory<PersonalizeDbContext>,
                    UpcastFactory<SqlitePersonalizeDbContext>
                >();
                break;
        }
        services.AddSingleton<DatabaseMigrator>();
        return services;
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
