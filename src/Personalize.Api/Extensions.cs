using Personalize.Api.GraphQL;
using Personalize.Api.Http;
using Personalize.Data;

namespace Personalize.Api;

/// <summary>The host's wiring, read by Program.cs as a table of contents.</summary>
public static class Extensions
{
    public static void AddPersonalizeServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalizeEngine(builder.Configuration);
        builder.Services.AddPersonalizeGraphQL(builder.Configuration);
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddHostedService<Lifecycle.StageRefreshJob>();
    }

    /// <summary>Migrates the database; a new database gets the demo store when Seed:Demo is true (the default).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var isNew = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        if (isNew && app.Configuration.GetValue(Personalize.Seeding.DemoStoreOptions.Section + ":Demo", true))
            await app.Services.GetRequiredService<Personalize.Seeding.DemoStoreSeeder>().SeedAsync(cancellationToken: app.Lifetime.ApplicationStopping);
    }

    public static void UseBananaCakePop(this WebApplication app) => Ide.BananaCakePop.Serve(app);
}
