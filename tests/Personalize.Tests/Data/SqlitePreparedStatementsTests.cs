using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Data;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Data;

/// <summary>
/// On SQLite a SELECT run again on the same pooled connection reuses the statement compiled the first time; what it
/// returns must not change: parameters, transactions, a query inside its own results and a full cache all behave.
/// </summary>
public sealed class SqlitePreparedStatementsTests : IClassFixture<SqlitePreparedStatementsTests.PreparedStatementsOn>
{
    /// <summary>The service with the statements kept, whatever the environment says (the suite also runs with them
    /// off).</summary>
    public sealed class PreparedStatementsOn()
        : ApiFactory(new Dictionary<string, string?> { ["Database:PreparedStatements"] = "true" });

    private readonly ApiFactory _api;
    private IDbContextFactory<PersonalizeDbContext> Factory =>
        _api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
    private SqlitePreparedStatements Statements => _api.Services.GetRequiredService<SqlitePreparedStatements>();

    public SqlitePreparedStatementsTests(PreparedStatementsOn api)
    {
        _api = api;
        foreach (var id in new[] { "PS-1", "PS-2", "PS-3" })
            api.CustomerAsync(id, country: id == "PS-2" ? "DE" : "FR").GetAwaiter().GetResult();
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
        await CountryOfAsync("PS-3"); // compiled outside any transaction
        await using var db = await Factory.CreateDbContextAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db
                .Customers.Where(c => c.ExternalId == "PS-3")
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Country, "IT"));
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
        await foreach (
            var customer in db
                .Customers.Where(c => c.ExternalId.StartsWith("PS-"))
                .OrderBy(c => c.ExternalId)
                .AsAsyncEnumerable()
        )
            pairs.Add(
                (
                    customer.ExternalId,
                    (
                        await db
                            .Customers.Where(c => c.ExternalId.StartsWith("PS-"))
                            .OrderBy(c => c.ExternalId)
                            .FirstAsync()
                    ).ExternalId
                )
            );

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

    [Fact]
    public async Task Offer_assignment_writes_leave_no_command_behind_on_the_kept_open_connection()
    {
        // Microsoft.Data.Sqlite lists every command created on a connection until it is disposed, and each command it
        // disposes walks that list. On a connection kept open for the life of the process, an undisposed command stays
        // listed for good: the list grew by one per group commit, and with it the cost of every query.
        var offer = await _api
            .Services.GetRequiredService<OfferService>()
            .CreateAsync(
                new OfferInput(
                    "PS-LEAK",
                    "Leak check",
                    RewardType: RewardType.PercentOff,
                    RewardValue: 10m,
                    Cost: 1m,
                    Status: OfferStatus.Active
                ),
                default
            );
        Assert.True(offer.Succeeded, string.Join("; ", offer.Errors));
        long customerId;
        await using (var lookup = await Factory.CreateDbContextAsync())
            customerId = await lookup.Customers.Where(c => c.ExternalId == "PS-1").Select(c => c.Id).SingleAsync();
        // One pooled context, so every commit runs on the same kept-open connection.
        IDbContextFactory<PersonalizeDbContext> oneConnection = new SingleContextFactory(
            _api.Services.GetRequiredService<DbContextOptions<SqlitePersonalizeDbContext>>()
        );
        const int commits = 300;
        await using (
            var writer = new OfferAssignmentWriter(
                oneConnection,
                _api.Services.GetRequiredService<CustomerNearCache>(),
                _api.Services.GetRequiredService<Personalize.Events.EventOutbox>(),
                NullLogger<OfferAssignmentWriter>.Instance
            )
        )
        {
            for (var round = 1; round <= commits; round++)
                await writer.InsertAsync([Assignment(offer.Value!.Id, customerId, round)], default);
        }

        await using var db = await oneConnection.CreateDbContextAsync();
        Assert.Equal(commits, await db.OfferAssignments.CountAsync(a => a.OfferId == offer.Value!.Id));
        var listed = ListedCommands((SqliteConnection)db.Database.GetDbConnection());
        Assert.True(
            listed < CompiledStatements.Limit,
            $"{listed} commands listed on the connection after {commits} commits"
        );
    }

    private static OfferAssignment Assignment(long offerId, long customerId, int round) =>
        new()
        {
            Code = OfferDecisionService.NewCode(),
            OfferId = offerId,
            CustomerId = customerId,
            Round = round,
            Channel = Channel.Web,
            AssignedAt = DateTime.UtcNow,
            ExpiresAt = DateTime.UtcNow.AddDays(1),
            Reason = "leak check",
        };

    /// <summary>The length of Microsoft.Data.Sqlite's private list of the connection's commands.</summary>
    private static int ListedCommands(SqliteConnection connection)
    {
        var field = typeof(SqliteConnection).GetField("_commands", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException(
                "Microsoft.Data.Sqlite no longer has SqliteConnection._commands; update this test."
            );
        return ((System.Collections.ICollection)field.GetValue(connection)!).Count;
    }

    private sealed class SingleContextFactory(DbContextOptions<SqlitePersonalizeDbContext> options)
        : IDbContextFactory<PersonalizeDbContext>
    {
        private readonly PooledDbContextFactory<SqlitePersonalizeDbContext> _pool = new(options, poolSize: 1);

        public PersonalizeDbContext CreateDbContext() => _pool.CreateDbContext();
    }

    private async Task<string?> CountryOfAsync(string customerId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await CountryOfAsync(db, customerId);
    }

    private static Task<string?> CountryOfAsync(PersonalizeDbContext db, string customerId) =>
        db.Customers.Where(c => c.ExternalId == customerId).Select(c => c.Country).FirstOrDefaultAsync();
}
