using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Data;

/// <summary>
/// Every SQLite connection the service opens waits for a busy write lock inside SQLite, instead of failing at once and
/// leaving Microsoft.Data.Sqlite to sleep 150 ms before it tries again (the suite runs with prepared statements on and
/// off, so both kinds of connection are covered).
/// </summary>
public sealed class SqliteBusyTimeoutTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_context_s_connection_waits_for_the_write_lock()
    {
        var factory = api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        for (var lease = 0; lease < 2; lease++)
        {
            await using var db = await factory.CreateDbContextAsync();
            var timeout = await db
                .Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout")
                .SingleAsync();
            Assert.Equal(30_000, timeout);
        }
    }
}
