using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Scores.Cache;

namespace Personalize.NearCache;

public static class NearCacheServiceCollectionExtensions
{
    /// <summary>
    /// The near cache of per-customer facts, and with Redis configured (after <c>AddScoreCache</c>) its change feed, created
    /// with it so that every process that writes — the service, or a command-line job — tells the serving instances.
    /// </summary>
    public static IServiceCollection AddNearCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NearCacheOptions>(configuration.GetSection(NearCacheOptions.Section));
        services.AddSingleton(provider =>
        {
            var cache = new CustomerNearCache(provider.GetRequiredService<IOptions<NearCacheOptions>>());
            if (provider.GetService<RedisCacheConnection>() is { } redis)
                cache.Feed = new CustomerChangeFeed(cache, redis, provider.GetRequiredService<ILogger<CustomerChangeFeed>>());
            return cache;
        });
        return services;
    }
}
