using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Personalize.Scores.Cache;

public static class ScoreCacheServiceCollectionExtensions
{
    /// <summary>
    /// A singleton <see cref="IScoreCache"/>: Redis when <c>ConnectionStrings:Redis</c> is set (one shared
    /// <see cref="RedisCacheConnection"/>, which other caches may use too), else in process.
    /// Options come from the "ScoreCache" section.
    /// </summary>
    public static IServiceCollection AddScoreCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ScoreCacheOptions.Section).Get<ScoreCacheOptions>() ?? new ScoreCacheOptions();
        options.ConnectionString = configuration.GetConnectionString(ScoreCacheOptions.ConnectionStringName);
        services.AddSingleton(options);

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            services.AddSingleton<IScoreCache, InMemoryScoreCache>();
        else
        {
            services.AddSingleton(provider => new RedisCacheConnection(options, provider.GetService<ILogger<RedisCacheConnection>>()));
            services.AddSingleton<IScoreCache>(provider => new RedisScoreCache(provider.GetRequiredService<RedisCacheConnection>()));
        }
        return services;
    }
}
