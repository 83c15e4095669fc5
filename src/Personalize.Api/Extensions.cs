using Microsoft.Extensions.Options;
using Personalize.Api.Caching;
using Personalize.Api.GraphQL;
using Personalize.Api.Health;
using Personalize.Api.Http;
using Personalize.Api.Ide;
using Personalize.Api.Lifecycle;
using Personalize.Api.Recommendations;
using Personalize.Api.Security;
using Personalize.Api.Telemetry;
using Personalize.Data;
using Personalize.Seeding;

namespace Personalize.Api;

/// <summary>The host's wiring, read by Program.cs as a table of contents.</summary>
public static class Extensions
{
    public static void AddPersonalizeServices(this WebApplicationBuilder builder)
    {
        // SQL only at debug, whatever the content root (a published executable run elsewhere has no appsettings.json);
        // a more specific `Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command` setting still wins.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddPersonalizeEngine(builder.Configuration);
        builder.Services.AddPersonalizeGraphQL(builder.Configuration);
        builder.Services.AddSingleton<GraphQLHttpEndpoint>().AddSingleton<GraphQLStreams>();
        builder
            .Services.AddSingleton<Events.EventFeed>()
            .AddHostedService(sp => sp.GetRequiredService<Events.EventFeed>());
        builder.Services.AddHostedService<ChangeFeedSubscription>();
        builder.Services.AddHostedService<StageRefreshJob>();
        builder.Services.AddHostedService<RecommendationRefreshJob>();
        builder.Services.AddHostedService<Webhooks.WebhookDeliveryJob>();
        builder.Services.AddHostedService<Events.EventScanJob>();
        builder.Services.AddPersonalizeHealthChecks();
        builder.AddPersonalizeSecurity();
        builder.AddPersonalizeTelemetry();
    }

    /// <summary>Migrates the database; a new database gets the demo store when Seed:Demo is true (the
    /// default).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var isNew = await app
            .Services.GetRequiredService<DatabaseMigrator>()
            .MigrateAsync(app.Lifetime.ApplicationStopping);
        if (isNew && app.Services.GetRequiredService<IOptions<DemoStoreOptions>>().Value.Demo)
            await app
                .Services.GetRequiredService<DemoStoreSeeder>()
                .SeedAsync(cancellationToken: app.Lifetime.ApplicationStopping);
    }

    public static void UseBananaCakePop(this WebApplication app) => BananaCakePop.Serve(app);

    public static void UseDashboard(this WebApplication app) => Dashboard.DashboardPage.Serve(app);
}
