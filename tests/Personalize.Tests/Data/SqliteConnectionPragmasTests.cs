using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Data;

/// <summary>
/// Every SQLite connection the service opens waits for a busy write lock inside SQLite, instead of failing at once and
/// leaving Microsoft.Data.Sqlite to sleep 150 ms before it tries again; the analytics connections are read-only, map
/// the file, and are leased at most one per core (the suite runs with prepared statements on and off, so both kinds of
/// connection are covered).
/// </summary>
public sealed class SqliteConnectionPragmasTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_context_s_connection_waits_for_the_write_lock_and_reads_without_a_mapping()
    {
        // A mapped analytics connection back in its pool first: the others must not get it.
        await using (
            var analytics = await api.Services.GetRequiredService<AnalyticsDbContextFactory>().CreateDbContextAsync()
        )
            Assert.True(await PragmaAsync(analytics, "mmap_size") > 0);
        // Many at once, so that they take every idle connection of their pool.
        var factory = api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        var contexts = new List<PersonalizeDbContext>();
        try
        {
            for (var lease = 0; lease < 16; lease++)
            {
                var db = await factory.CreateDbContextAsync();
                contexts.Add(db);
                Assert.Equal(SqliteConnectionPragmas.BusyTimeoutMilliseconds, await PragmaAsync(db, "busy_timeout"));
                Assert.Equal(0, await PragmaAsync(db, "mmap_size"));
            }
        }
        finally
        {
            foreach (var db in contexts)
                await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_analytics_context_s_connection_is_read_only_and_maps_the_file()
    {
        var factory = api.Services.GetRequiredService<AnalyticsDbContextFactory>();
        for (var lease = 0; lease < 2; lease++)
        {
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(SqliteConnectionPragmas.BusyTimeoutMilliseconds, await PragmaAsync(db, "busy_timeout"));
            Assert.InRange(await PragmaAsync(db, "mmap_size"), 1L << 30, 2048L << 20);
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            var refused = await Assert.ThrowsAsync<SqliteException>(() =>
                db.Database.ExecuteSqlRawAsync("UPDATE Customers SET Name = Name")
            );
            Assert.Equal(8, refused.SqliteErrorCode); // SQLITE_READONLY
        }
    }

    [Fact]
    public async Task At_most_one_analytics_context_per_core_is_leased_at_a_time()
    {
        var factory = api.Services.GetRequiredService<AnalyticsDbContextFactory>();
        var leased = new List<PersonalizeDbContext>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
            leased.Add(await factory.CreateDbContextAsync());

        var waiting = factory.CreateDbContextAsync();
        Assert.False(waiting.IsCompleted);
        await leased[0].DisposeAsync();
        await using (var next = await waiting)
            Assert.NotEmpty(await next.Database.GetAppliedMigrationsAsync());

        foreach (var db in leased.Skip(1))
            db.Dispose();
        // Every lease came back: as many can be taken again at once.
        var again = await Task.WhenAll(
            Enumerable.Range(0, Environment.ProcessorCount).Select(_ => factory.CreateDbContextAsync())
        );
        foreach (var db in again)
            await db.DisposeAsync();
    }

    [Theory]
    [InlineData("Database:AnalyticsMemoryMapMB", "64", "AnalyticsMemoryMapMB")]
    [InlineData("Database:AnalyticsMemoryMapMegabytes", "-1", "Database:AnalyticsMemoryMapMegabytes")]
    public void An_unknown_or_negative_database_setting_is_refused(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();
        var refused = Assert.ThrowsAny<InvalidOperationException>(() =>
            new ServiceCollection().AddPersonalizeData(configuration)
        );
        Assert.Contains(named, refused.Message);
    }

    /// <summary>Reads a setting of the context's connection, which stays open until the context is disposed.</summary>
    private static async Task<long> PragmaAsync(PersonalizeDbContext db, string pragma)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
