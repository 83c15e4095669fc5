using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Experiments;
using Personalize.Interactions;
using Personalize.Lifecycle;
using Personalize.Loyalty;
using Personalize.Offers;
using Personalize.Orders;
using Personalize.Recommendations.Serving;
using Personalize.Scores;
using Personalize.Segments;
using Personalize.Surveys;

namespace Personalize.Data;

/// <summary>
/// The relational store. Each provider has a subclass of its own so that each keeps its own migrations
/// (Data/Migrations/Sqlite, Data/Migrations/SqlServer); code depends on this base class only.
/// </summary>
public abstract class PersonalizeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<ContentTag> ContentTags => Set<ContentTag>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferCountry> OfferCountries => Set<OfferCountry>();
    public DbSet<OfferAssignment> OfferAssignments => Set<OfferAssignment>();
    public DbSet<RedemptionModelRecord> RedemptionModels => Set<RedemptionModelRecord>();
    public DbSet<LoyaltyEntry> LoyaltyEntries => Set<LoyaltyEntry>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMember> SegmentMembers => Set<SegmentMember>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<ClvSnapshot> ClvSnapshots => Set<ClvSnapshot>();
    public DbSet<ClvRecomputeFailure> ClvRecomputeFailures => Set<ClvRecomputeFailure>();
    public DbSet<SnapshotScore> SnapshotScores => Set<SnapshotScore>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Acquisition.MarketingSpend> MarketingSpend => Set<Acquisition.MarketingSpend>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<ExperimentExposure> ExperimentExposures => Set<ExperimentExposure>();
    public DbSet<ExperimentConversion> ExperimentConversions => Set<ExperimentConversion>();
    public DbSet<RecommenderModelVersion> RecommenderModels => Set<RecommenderModelVersion>();
    public DbSet<CustomerCandidates> CustomerCandidates => Set<CustomerCandidates>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<PlacementItem> PlacementItems => Set<PlacementItem>();
    public DbSet<Access.ApiKey> ApiKeys => Set<Access.ApiKey>();
    public DbSet<Privacy.AuditEntry> AuditEntries => Set<Privacy.AuditEntry>();
    public DbSet<Events.CustomerEvent> CustomerEvents => Set<Events.CustomerEvent>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PersonalizeDbContext).Assembly);
        modelBuilder
            .HasDbFunction(typeof(SqlText).GetMethod(nameof(SqlText.Unbounded))!)
            .HasTranslation(arguments => new SqlUnaryExpression(
                ExpressionType.Convert,
                arguments[0],
                typeof(string),
                null
            ))
            .HasStoreType(UnboundedTextType);
    }

    /// <summary>The provider's text type without a length limit.</summary>
    protected virtual string UnboundedTextType => "TEXT";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    private Action? _whenReturned;

    /// <summary>Runs <paramref name="action"/> once, when this lease of the context ends (on dispose; a pooled context
    /// then goes back to its pool).</summary>
    internal void WhenReturned(Action action) => _whenReturned = action;

    public override void Dispose()
    {
        // Taken before the context goes back to the pool, where the next lease may set its own.
        var whenReturned = Interlocked.Exchange(ref _whenReturned, null);
        try
        {
            base.Dispose();
        }
        finally
        {
            whenReturned?.Invoke();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        var whenReturned = Interlocked.Exchange(ref _whenReturned, null);
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            whenReturned?.Invoke();
        }
    }

    /// <summary>Every time is stored in UTC; this marks values read back as UTC.</summary>
    private sealed class UtcDateTimeConverter()
        : ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc)
        );
}

public sealed class SqlitePersonalizeDbContext(DbContextOptions<SqlitePersonalizeDbContext> options)
    : PersonalizeDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no decimal type: as TEXT, money could not be compared or sorted in SQL. REAL can.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double?>();
    }
}

public sealed class SqlServerPersonalizeDbContext(DbContextOptions<SqlServerPersonalizeDbContext> options)
    : PersonalizeDbContext(options)
{
    protected override string UnboundedTextType => "nvarchar(max)";
}
