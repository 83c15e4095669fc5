using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Data;
using Personalize.Privacy;
using Personalize.Recommendations;
using Personalize.Recommendations.Serving;
using Personalize.Scores;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;

namespace Personalize.Tests.Security;

/// <summary>Consent, erasure and export through GraphQL, checked in the database, the cache, the training data and the
/// logs.</summary>
public sealed class PrivacyTests(PrivacyTests.Api api) : IClassFixture<PrivacyTests.Api>
{
    /// <summary>The service with every log line kept, at every level, to look for personal data in them.</summary>
    public sealed class Api : ApiFactory
    {
        public ConcurrentQueue<string> Logs { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
                logging
                    .AddProvider(new CapturingLoggerProvider(Logs))
                    .AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)
            );
        }
    }

    private async Task SeedCustomerAsync(string id, string email, string name)
    {
        await api.DataAsync(
            """
            mutation($id: ID!, $email: String!, $name: String!) {
              upsertCustomer(input: { id: $id, email: $email, name: $name, consentPersonalization: true }) { errors { message } }
              createContentItem(input: { id: "privacy-guide", kind: GUIDE, title: "Privacy", status: PUBLISHED }) { errors { message } }
            }
            """,
            new
            {
                id,
                email,
                name,
            }
        );
        await api.DataAsync(
            """
            mutation($id: ID!) {
              recordOrder(input: { customerId: $id, orderId: $id, orderedAt: "2026-10-01T10:00:00Z", amount: 80 }) { errors { message } }
              trackInteraction(input: { customerId: $id, itemId: "privacy-guide", kind: CLICK, occurredAt: "2026-10-02T10:00:00Z" }) { errors { message } }
              recordSurveyResponse(input: { customerId: $id, kind: NPS, score: 3, comment: "Call me on 0612345678" }) { errors { message } }
            }
            """,
            new { id }
        );
    }

    [Fact]
    public async Task SetConsent_changes_the_consents_and_writes_an_audit_entry_without_personal_data()
    {
        await SeedCustomerAsync("P-CONSENT", "consent.person@example.com", "Consent Person");

        var data = await api.DataAsync(
            """
            mutation { setConsent(input: { customerId: "P-CONSENT", emailMarketing: true, personalization: false }) {
              customer { consentPersonalization consentEmailMarketing } errors { message } } }
            """
        );

        var customer = data.GetProperty("setConsent").GetProperty("customer");
        Assert.False(customer.GetProperty("consentPersonalization").GetBoolean());
        Assert.True(customer.GetProperty("consentEmailMarketing").GetBoolean());
        await using var db = await Db();
        var audit = await db.AuditEntries.SingleAsync(a =>
            a.SubjectHash == api.Services.GetRequiredService<KeyedHash>().Subject("P-CONSENT")
            && a.Action == AuditAction.ConsentChanged
        );
        Assert.Equal("personalization=false emailMarketing=true", audit.Details);
        Assert.Equal("local-development", audit.Actor);
    }

    [Fact]
    public async Task EraseCustomer_removes_personal_data_everywhere_keeps_aggregates_and_is_idempotent()
    {
        await SeedCustomerAsync("P-ERASE", "erase.me@example.com", "Erase Me");
        long internalId;
        await using (var db = await Db())
            internalId = (await db.Customers.SingleAsync(c => c.ExternalId == "P-ERASE")).Id;
        var cache = api.Services.GetRequiredService<ICustomerCache<CustomerScore>>();
        await cache.SetManyAsync([ScoreSamples.For(internalId)], default);
        var candidates = api.Services.GetRequiredService<ICustomerCache<CandidateList>>();
        await candidates.SetManyAsync(new Dictionary<long, CandidateList> { [internalId] = new(1, []) }, default);
        await using (var db = await Db())
        {
            db.CustomerCandidates.Add(
                new CustomerCandidates
                {
                    CustomerId = internalId,
                    ModelVersion = 1,
                    Candidates = [1, 2, 3],
                }
            );
            await db.SaveChangesAsync();
        }
        var trainingBefore = await new SignalLogReader(
            api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
        ).ReadAsync(DateTime.UtcNow, SignalWeights.Default);
        Assert.NotNull(trainingBefore.CustomerIndex(internalId));

        const string Erase =
            """mutation { eraseCustomer(id: "P-ERASE") { erasure { anonymousId alreadyErased interactionsDeleted commentsRemoved } errors { message } } }""";
        var first = (await api.DataAsync(Erase)).GetProperty("eraseCustomer").GetProperty("erasure");
        var second = (await api.DataAsync(Erase)).GetProperty("eraseCustomer").GetProperty("erasure");

        Assert.Equal($"erased-{internalId}", first.GetProperty("anonymousId").GetString());
        Assert.False(first.GetProperty("alreadyErased").GetBoolean());
        Assert.Equal(1, first.GetProperty("interactionsDeleted").GetInt32());
        Assert.Equal(1, first.GetProperty("commentsRemoved").GetInt32());
        Assert.True(second.GetProperty("alreadyErased").GetBoolean());
        Assert.Equal(first.GetProperty("anonymousId").GetString(), second.GetProperty("anonymousId").GetString());

        await using (var db = await Db())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == internalId);
            Assert.Equal(
                (null, null, $"erased-{internalId}", 80m, 1),
                (customer.Email, customer.Name, customer.ExternalId, customer.TotalSpent, customer.OrderCount)
            );
            Assert.False(await db.Interactions.AnyAsync(i => i.CustomerId == internalId));
            Assert.Null((await db.SurveyResponses.SingleAsync(s => s.CustomerId == internalId)).Comment);
            Assert.Equal(
                1,
                await db.AuditEntries.CountAsync(a => a.CustomerId == internalId && a.Action == AuditAction.Erased)
            );
        }
        Assert.Empty(await cache.GetManyAsync([internalId], default));
        Assert.Empty(await candidates.GetManyAsync([internalId], default));
        await using (var db = await Db())
            Assert.False(await db.CustomerCandidates.AnyAsync(c => c.CustomerId == internalId));
        var trainingAfter = await new SignalLogReader(
            api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
        ).ReadAsync(DateTime.UtcNow, SignalWeights.Default);
        Assert.Null(trainingAfter.CustomerIndex(internalId));
        Assert.Equal(
            JsonValueKind.Null,
            (await api.DataAsync("""{ customer(id: "P-ERASE") { id } }""")).GetProperty("customer").ValueKind
        );
    }

    [Fact]
    public async Task Erasing_an_unknown_id_is_a_NotFoundError()
    {
        var data = await api.DataAsync(
            """mutation { eraseCustomer(id: "NEVER-SEEN") { erasure { anonymousId } errors { __typename field } } }"""
        );
        Assert.Equal(
            "NotFoundError",
            data.GetProperty("eraseCustomer").GetProperty("errors")[0].GetProperty("__typename").GetString()
        );
    }

    [Fact]
    public async Task ExportCustomer_returns_everything_held_and_is_audited()
    {
        await SeedCustomerAsync("P-EXPORT", "export.me@example.com", "Export Me");

        var data = await api.DataAsync("""{ exportCustomer(id: "P-EXPORT") { customerId json } }""");

        var json = JsonDocument.Parse(data.GetProperty("exportCustomer").GetProperty("json").GetString()!).RootElement;
        Assert.Equal("export.me@example.com", json.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal(80, json.GetProperty("orders")[0].GetProperty("amount").GetDecimal());
        Assert.Equal("privacy-guide", json.GetProperty("interactions")[0].GetProperty("itemId").GetString());
        Assert.Equal(
            "Call me on 0612345678",
            json.GetProperty("surveyResponses")[0].GetProperty("comment").GetString()
        );
        Assert.True(json.GetProperty("stageHistory").GetArrayLength() >= 1);
        // 1 point per unit, base tier
        Assert.Equal(80, json.GetProperty("loyalty")[0].GetProperty("points").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("offers").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("experiments").ValueKind);
        await using var db = await Db();
        Assert.True(
            await db.AuditEntries.AnyAsync(a =>
                a.SubjectHash == api.Services.GetRequiredService<KeyedHash>().Subject("P-EXPORT")
                && a.Action == AuditAction.Exported
            )
        );
    }

    [Fact]
    public async Task Logs_never_contain_a_customers_email_or_name()
    {
        const string Email = "log.leak.check@example.com";
        await SeedCustomerAsync("P-LOGS", Email, "Zebulon Logleak");
        await api.GraphQLAsync(
            """mutation { upsertCustomer(input: { id: "P-LOGS", email: "not an email Zebulon Logleak" }) { errors { message } } }"""
        );
        await api.GraphQLAsync(
            """{ customers(first: 5, where: { email: { eq: "log.leak.check@example.com" } }) { nodes { email name } } }"""
        );
        await api.GraphQLAsync("""{ exportCustomer(id: "P-LOGS") { json } }""");
        await api.GraphQLAsync("""mutation { eraseCustomer(id: "P-LOGS") { errors { message } } }""");

        var lines = api.Logs.ToArray();
        Assert.True(lines.Length > 20, $"only {lines.Length} log lines were captured");
        Assert.DoesNotContain(lines, l =>
            l.Contains(Email, StringComparison.OrdinalIgnoreCase)
            || l.Contains("Logleak", StringComparison.OrdinalIgnoreCase)
        );
    }

    private Task<PersonalizeDbContext> Db() =>
        api.Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>().CreateDbContextAsync();
}

/// <summary>Keeps every formatted log line, with its exception.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        ) => lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
