using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifecycle;
using Personalize.Seeding;

namespace Personalize;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine: data access, options and the services of every feature.</summary>
    public static IServiceCollection AddPersonalizeEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPersonalizeData(configuration);

        services.Configure<LifecycleOptions>(configuration.GetSection(LifecycleOptions.Section));
        services.AddSingleton<LifecycleClassifier>();
        services.AddSingleton<CustomerSummaryRefresher>();
        services.AddSingleton<DataImporter>();
        services.Configure<DemoStoreOptions>(configuration.GetSection(DemoStoreOptions.Section));
        services.AddSingleton<DemoStoreSeeder>();
        return services;
    }
}
