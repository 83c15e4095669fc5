using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Loyalty;
using Personalize.Offers;
using Personalize.Orders;
using Personalize.Querying;
using Personalize.Recommendations.Serving;
using Personalize.Segments;
using Personalize.Surveys;

namespace Personalize.Tests.Data;

/// <summary>
/// No SQL Server runs here, so the SQL Server path is proven by its T-SQL: the migration script, and the statements
/// the engine's own query code sends, captured from a SqlServer-configured engine whose connection never opens.
/// Each must parse with Microsoft's T-SQL parser.
/// </summary>
public sealed class SqlServerTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly CapturingInterceptor _captured = new();

    public SqlServerTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "SqlServer",
                    ["ConnectionStrings:Personalize"] = "Server=127.0.0.1,1;Database=Personalize;Connect Timeout=1",
                }
            )
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IInterceptor>(_captured)
            .AddPersonalizeEngine(configuration)
            .BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task The_migration_script_is_valid_TSQL_and_creates_every_table()
    {
        await using var db = await _services
            .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        Assert.True(db.Database.IsSqlServer());
        var script = db.GetInfrastructure()
            .GetRequiredService<IMigrator>()
            .GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        AssertParses(script);
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Distinct())
            Assert.Contains($"CREATE TABLE [{table}]", script);
    }

    [Fact]
    public async Task The_engine_queries_and_updates_produce_valid_TSQL()
    {
        var where = FilterJson.Parse(
            """
            { "or": [ { "email": { "contains": "EXAMPLE", "mode": "CASE_INSENSITIVE" } }, { "country": { "in": ["FR", "DE"] } } ],
              "lifecycleStage": { "nin": ["LAPSED"] }, "totalSpent": { "gte": 100 }, "lastOrderAt": { "lt": "2026-01-01T00:00:00Z" } }
            """
        );
        var order = new object?[] { new Dictionary<string, object?> { ["lastOrderAt"] = "DESC" } };
        var customers = _services.GetRequiredService<CustomerQueries>();
        var orders = _services.GetRequiredService<OrderQueries>();
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(
            "{\"k\":[\"lastOrderAt:d\",\"2025-12-01T00:00:00Z\",42]}"u8
        );
        await SendAsync(async () =>
            await (await customers.ListAsync(where, order, new PageRequest(First: 50), default)).CountTotalAsync(
                default
            )
        );
        await SendAsync(() =>
            customers.ListAsync(
                where,
                order,
                new PageRequest(First: 50, After: cursor, IncludeOppositePage: true),
                default
            )
        );
        await SendAsync(() => customers.ListAsync(where, order, new PageRequest(Last: 50, Before: cursor), default));
        await SendAsync(() => customers.ByExternalIdsAsync(["C00001", "C00002"], default));
        await SendAsync(() => customers.CountByStageAsync(default));
        await SendAsync(() => orders.PagesByCustomerAsync([1, 2, 3], null, new PageRequest(First: 5), default));
        await SendAsync(() => orders.LinesAsync([1, 2], default));
        await SendAsync(() => _services.GetRequiredService<SurveyService>().ScoresAsync([1, 2], default));
        await SendAsync(() =>
            _services
                .GetRequiredService<SegmentQueries>()
                .SizesAsync(
                    [
                        new Segment
                        {
                            Id = 1,
                            Slug = "a",
                            RuleJson = """{"country":{"eq":"FR"}}""",
                        },
                        new Segment
                        {
                            Id = 2,
                            Slug = "b",
                            RuleJson = """{"orderCount":{"gte":3}}""",
                        },
                    ],
                    default
                )
        );
        await using (
            var db = await _services
                .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
        {
            var memberships = SegmentQueries.MembershipQuery([
                new Segment
                {
                    Id = 1,
                    Slug = "a",
                    RuleJson = """{"locale":{"startsWith":"fr","mode":"CASE_INSENSITIVE"}}""",
                },
                new Segment
                {
                    Id = 2,
                    Slug = "b",
                    RuleJson =
                        """{"and":[{"lifecycleStage":{"in":["NEW","ACTIVE"]}},{"orderCount":{"gte":1,"lte":3}}]}""",
                },
            ]);
            await SendAsync(async () =>
            {
                await foreach (var _ in memberships(db, [1, 2])) { }
            });
        }
        var kpis = _services.GetRequiredService<Personalize.Kpis.KpiService>();
        await SendAsync(() => kpis.ReportAsync(new DateTime(2026, 2, 1), new DateTime(2026, 3, 1), null, default));
        await SendAsync(() =>
            kpis.TrendAsync(
                Personalize.Kpis.KpiMetric.RepeatPurchaseRate,
                new DateTime(2026, 2, 1),
                new DateTime(2026, 3, 1),
                Personalize.Kpis.KpiInterval.Month,
                null,
                default
            )
        );
        foreach (
            var metric in new[]
            {
                Personalize.Kpis.KpiMetric.RetentionRate,
                Personalize.Kpis.KpiMetric.Nps,
                Personalize.Kpis.KpiMetric.NewCustomerAverageClv,
                Personalize.Kpis.KpiMetric.OfferRedemptionRate,
                Personalize.Kpis.KpiMetric.RewardCost,
                Personalize.Kpis.KpiMetric.Cac,
            }
        )
            await SendAsync(() =>
                kpis.TrendAsync(
                    metric,
                    new DateTime(2025, 11, 1),
                    new DateTime(2026, 3, 1),
                    Personalize.Kpis.KpiInterval.Month,
                    null,
                    default
                )
            );
        await SendAsync(() =>
            _services
                .GetRequiredService<Personalize.Kpis.StageFlowQueries>()
                .FlowsAsync(
                    new DateTime(2025, 11, 1),
                    new DateTime(2026, 3, 1),
                    Personalize.Kpis.KpiInterval.Month,
                    null,
                    default
                )
        );
        await SendAsync(() =>
            _services
                .GetRequiredService<Personalize.Kpis.CohortQueries>()
                .RetentionAsync(new DateTime(2025, 11, 1), new DateTime(2026, 3, 1), 12, null, "paid-search", default)
        );
        await SendAsync(() =>
            _services.GetRequiredService<Personalize.Kpis.SegmentClvQueries>().ClvBySegmentAsync(50, default)
        );
        await SendAsync(() =>
            _services
                .GetRequiredService<Personalize.Kpis.OfferPerformanceQueries>()
                .PerformanceAsync(new DateTime(2025, 11, 1), new DateTime(2026, 3, 1), default)
        );
        await SendAsync(() =>
            _services
                .GetRequiredService<Personalize.Acquisition.AcquisitionQueries>()
                .MonthsAsync(new DateTime(2025, 11, 1), new DateTime(2026, 3, 1), null, default)
        );
        var experiments = _services.GetRequiredService<Personalize.Experiments.ExperimentService>();
        await SendAsync(() =>
            experiments.ResultsAsync(
                [
                    new Personalize.Experiments.Experiment
                    {
                        Id = 1,
                        Variants =
                        [
                            new()
                            {
                                Id = 1,
                                IsControl = true,
                                Weight = 1,
                            },
                        ],
                    },
                ],
                default
            )
        );
        await SendAsync(() => experiments.AssignmentsAsync("an-experiment", ["C00001"], default));
        await SendAsync(() => _services.GetRequiredService<RecommendationSnapshots>().RefreshAsync(default));
        await SendAsync(() =>
            _services
                .GetRequiredService<RecommendationService>()
                .RecommendAsync(
                    [new Customer { Id = 1, ConsentPersonalization = true }, new Customer { Id = 2 }],
                    new RecommendationRequest(10),
                    default
                )
        );
        await SendAsync(() =>
            _services.GetRequiredService<Personalize.Access.ApiKeyStore>().FindActiveAsync("pz_0123456789", default)
        );
        await SendAsync(() =>
            _services.GetRequiredService<Personalize.Access.ApiKeyStore>().RevokeAsync("storefront-web", default)
        );
        await SendAsync(() =>
            _services.GetRequiredService<Personalize.Privacy.PrivacyService>().ExportAsync("C00001", "test", default)
        );
        var refresher = _services.GetRequiredService<CustomerSummaryRefresher>();
        await using (
            var db = await _services
                .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
        {
            await SendAsync(() => refresher.RefreshSummariesAsync(db, [1, 2], default));
            await SendAsync(() => refresher.RefreshStagesAsync(db, [1, 2], default));
        }

        Assert.True(_captured.Statements.Count >= 10, $"captured {_captured.Statements.Count} statements");
        foreach (var sql in _captured.Statements)
            AssertParses(sql);
        Assert.Contains(_captured.Statements, s => s.Contains("ROW_NUMBER() OVER(PARTITION BY"));
        // The trends' bucket numbers (nested CASEs), the cohorts' calendar months (numbered the same way), the order
        // figures' list of each customer's order segments.
        Assert.Contains(_captured.Statements, s =>
            s.Contains("CASE\n") && s.Contains("GROUP BY") && s.Contains(">= '2025-12-01")
        );
        Assert.Contains(_captured.Statements, s =>
            s.Contains("COUNT(DISTINCT") && s.Contains("CASE\n") && s.Contains("[AcquisitionChannel]")
        );
        Assert.Contains(_captured.Statements, s =>
            s.Contains("STRING_AGG(") && s.Contains("AS nvarchar(max))") && s.Contains("GROUP BY [o].[CustomerId]")
        );
        // Segment membership: one CASE per rule, summed into a bit mask.
        Assert.Contains(_captured.Statements, s => s.Contains("CASE") && s.Contains("CAST(2 AS bigint)"));
        Assert.Contains(_captured.Statements, s => s.StartsWith("UPDATE") || s.Contains("\nUPDATE"));
    }

    [Fact]
    public async Task The_offer_and_loyalty_statements_produce_valid_TSQL()
    {
        var factory = _services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        var customers = new[]
        {
            new Customer
            {
                Id = 1,
                ExternalId = "a",
                ConsentPersonalization = true,
            },
            new Customer { Id = 2, ExternalId = "b" },
        };
        await SendAsync(() =>
            _services.GetRequiredService<OfferDecisionService>().DecideAsync(customers, Channel.Email, 3, default)
        );
        await SendAsync(() =>
            _services.GetRequiredService<OfferAssignmentQueries>().ByCodesAsync(["K7QX-M2PA-9RTE"], default)
        );
        await SendAsync(() => _services.GetRequiredService<LoyaltyService>().AccountsAsync([1, 2], default));
        await SendAsync(() => _services.GetRequiredService<RedemptionModelTrainer>().TrainAsync());
        await using (var db = await factory.CreateDbContextAsync())
        {
            var assignment = new OfferAssignment
            {
                Id = 5,
                CustomerId = 1,
                OfferId = 2,
                Offer = new Offer
                {
                    Id = 2,
                    Cost = 7.5m,
                    PerCustomerCap = 2,
                },
            };
            await SendAsync(() =>
                OfferRedemptionService.ClaimAsync(db, assignment, orderId: 9, DateTime.UtcNow, default)
            );
            await SendAsync(() => OfferRedemptionService.ChargeBudgetAsync(db, offerId: 2, cost: 7.5m, default));
            await SendAsync(() =>
                _services
                    .GetRequiredService<LoyaltyService>()
                    .EarnForOrderAsync(db, orderId: 9, customerId: 1, DateTime.UtcNow, "o", 10m, default)
            );
        }
        _captured.Statements.Add(OfferAssignmentWriter.SqlServerInsert);
        _captured.Statements.Add(Personalize.Experiments.ExperimentExposureLog.SqlServerInsert);

        foreach (var sql in _captured.Statements)
            AssertParses(sql);
        // The budget is charged by one conditional UPDATE, and the claim checks the cap in the same statement.
        Assert.Contains(_captured.Statements, s =>
            s.Contains("UPDATE [o]")
            && s.Contains("[BudgetSpent] = [o].[BudgetSpent] + ")
            && s.Contains("[o].[TotalBudget] IS NULL OR")
        );
        Assert.Contains(_captured.Statements, s =>
            s.Contains("UPDATE [o]") && s.Contains("[RedeemedAt] IS NULL") && s.Contains("COUNT(*)")
        );
        Assert.Contains(_captured.Statements, s => s.Contains("OPENJSON(@rows)"));
    }

    [Fact]
    public async Task The_event_statements_produce_valid_TSQL()
    {
        var factory = _services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var outbox = _services.GetRequiredService<Personalize.Events.EventOutbox>();
            try
            {
                await outbox.AppendAsync(
                    db,
                    [Personalize.Events.CustomerEvents.ConsentChanged(1, true, false, DateTime.UtcNow)],
                    default
                );
            }
            catch (KeyNotFoundException) { } // the sequences read back are empty here
        }
        // The scan's queries are captured; its transaction cannot begin on a connection that never opens.
        try
        {
            await _services.GetRequiredService<Personalize.Events.TimeEventScanner>().ScanAsync(default);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("connection is closed")) { }
        var queries = _services.GetRequiredService<Personalize.Events.EventQueries>();
        await SendAsync(() =>
            queries.AfterAsync(0, [Personalize.Events.CustomerEventType.StageChanged], 1, 100, default)
        );
        await SendAsync(() =>
            _services
                .GetRequiredService<Personalize.Webhooks.WebhookQueries>()
                .DeliveriesAsync([1], Personalize.Webhooks.WebhookDeliveryStatus.Dead, 50, default)
        );
        await SendAsync(() =>
            _services.GetRequiredService<Personalize.Webhooks.WebhookDispatcher>().RunRoundAsync(default)
        );

        foreach (var sql in _captured.Statements)
            AssertParses(sql);
        // Each customer's sequence moves by its events' count in one statement.
        Assert.Contains(_captured.Statements, s =>
            s.Contains("UPDATE [c]") && s.Contains("[EventSequence] = [c].[EventSequence] + ")
        );
        Assert.Contains(_captured.Statements, s => s.Contains("[Interactions]") && s.Contains("NOT EXISTS"));
    }

    /// <summary>Runs engine code; with no rows to read, code that expects one fails after its statement was
    /// captured.</summary>
    private static async Task SendAsync(Func<Task> engineCall)
    {
        try
        {
            await engineCall();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("no elements")) { }
    }

    private static void AssertParses(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(
            errors.Count == 0,
            string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")) + "\n---\n" + sql
        );
    }

    /// <summary>Records each command's text; never opens the connection and answers every command with
    /// nothing.</summary>
    private sealed class CapturingInterceptor : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default
        )
        {
            Statements.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(EmptyResult()));
        }

        // No rows, but enough columns for any projection (the retrying strategy buffers and counts them).
        private static DbDataReader EmptyResult()
        {
            var table = new DataTable();
            for (var i = 0; i < 200; i++)
                table.Columns.Add($"c{i}", typeof(object));
            return table.CreateDataReader();
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<object> result,
            CancellationToken cancellationToken = default
        )
        {
            Statements.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(0));
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        )
        {
            Statements.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection,
            ConnectionEventData eventData,
            InterceptionResult result,
            CancellationToken cancellationToken = default
        ) => ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionOpening(
            DbConnection connection,
            ConnectionEventData eventData,
            InterceptionResult result
        ) => InterceptionResult.Suppress();
    }
}
