using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Data;

/// <summary>
/// On SQLite a SELECT run again on the same pooled connection reuses the statement compiled the first time; what it
/// returns must not change: parameters, transactions, a query inside its own results and a full cache all behave.
/// </summary>
public sealed class SqlitePreparedStatementsTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private IDbContextFactory<PersonalizeDbContext> Factory => _api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
    private SqlitePreparedStatements Statements => _api.Services.GetRequiredService<SqlitePreparedStatements>();

    public SqlitePreparedStatementsTests(ApiFactory api)
    {
        _api = api;
        foreach (var id in new[] { "PS-1", "PS-2", "PS-3" }) api.CustomerAsync(id, country: id == "PS-2" ? "DE" : "FR").GetAwaiter().GetResult();
    }

    [Fact]
    public async Task A_repeated_select_reuses_its_compiled_statement_and_binds_the_new_parameters()
    {
        Assert.Equal("FR", await CountryOfAsync("PS-1"));
        var reusedBefore = Statements.Reused;

        Assert.Equal("DE", await CountryOfAsync("PS-2"));
        Assert.Equal("FR", await CountryOfAsync("PS-3"));
        Assert.Null(await CountryOfAsync("PS-404"));

        Assert.True(Statements.Reused >= reusedBefore + 3, $"reused {Statements.Reused - reusedBefore} of 3");
    }

    [Fact]
    public async Task A_select_in_a_transaction_sees_the_transactions_own_writes()
    {
        await CountryOfAsync("PS-3");  // compiled outside any transaction
        await using var db = await Factory.CreateDbContextAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Customers.Where(c => c.ExternalId == "PS-3").ExecuteUpdateAsync(s => s.SetProperty(c => c.Country, "IT"));
            Assert.Equal("IT", await CountryOfAsync(db, "PS-3"));
            await transaction.RollbackAsync();
        }
        Assert.Equal("FR", await CountryOfAsync(db, "PS-3"));
    }

    [Fact]
    public async Task The_same_select_inside_its_own_results_runs_as_a_fresh_command()
    {
        await using var db = await Factory.CreateDbContextAsync();
        var pairs = new List<(string Outer, string? Inner)>();
        await foreach (var customer in db.Customers.Where(c => c.ExternalId.StartsWith("PS-")).OrderBy(c => c.ExternalId).AsAsyncEnumerable())
            pairs.Add((customer.ExternalId, (await db.Customers.Where(c => c.ExternalId.StartsWith("PS-")).OrderBy(c => c.ExternalId).FirstAsync()).ExternalId));

        Assert.Equal(["PS-1", "PS-2", "PS-3"], pairs.Select(p => p.Outer));
        Assert.All(pairs, p => Assert.Equal("PS-1", p.Inner));
    }

    [Fact]
    public async Task More_distinct_selects_than_a_connection_keeps_still_answer_correctly()
    {
        await using var db = await Factory.CreateDbContextAsync();
        for (var i = 0; i < CompiledStatements.Limit * 2; i++)
        {
            // A different literal each time: a different SQL text, so a different compiled statement.
            var sql = "SELECT * FROM \"Customers\" WHERE \"ExternalId\" LIKE 'PS-%' AND " + i + " = " + i;
            var count = await db.Customers.FromSqlRaw(sql).CountAsync();
            Assert.Equal(3, count);
        }
        Assert.Equal("DE", await CountryOfAsync(db, "PS-2"));
    }

    private async Task<string?> CountryOfAsync(string customerId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await CountryOfAsync(db, customerId);
    }

    private static Task<string?> CountryOfAsync(PersonalizeDbContext db, string customerId) =>
        db.Customers.Where(c => c.ExternalId == customerId).Select(c => c.Country).FirstOrDefaultAsync();
}
