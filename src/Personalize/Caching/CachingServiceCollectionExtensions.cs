using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Personalize.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The caches' shared parts: options (section "Cache"), the Redis connection when <c>ConnectionStrings:Redis</c>
    /// is set, and the near cache of per-customer facts with, on Redis, its change feed, created with it so that every
    /// process that writes — the service, or a command-line job — tells the serving instances.
    /// </summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions();
        options.ConnectionString = configuration.GetConnectionString(CacheOptions.ConnectionStringName);
        services.AddSingleton(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            services.AddSingleton(provider => new RedisCacheConnection(
                options,
                provider.GetService<ILogger<RedisCacheConnection>>(),
                provider.GetService<TimeProvider>()
            ));

        services.Configure<NearCacheOptions>(configuration.GetSection(NearCacheOptions.Section));
        services.AddSingleton(provider =>
        {
            var cache = new CustomerNearCache(provider.GetRequiredService<IOptions<NearCacheOptions>>());
            if (provider.GetService<RedisCacheConnection>() is { } redis)
                cache.Feed = new CustomerChangeFeed(
                    cache,
                    redis,
                    provider.GetRequiredService<ILogger<CustomerChangeFeed>>()
                );
            return cache;
        });
        return services;
    }

    /// <summary>
    /// A singleton <see cref="ICustomerCache{T}"/>: Redis when configured (call after AddCaching), else in process;
    /// also listed as an <see cref="ICustomerCache"/>, so erasure clears every cache without knowing what it holds.
    /// </summary>
    public static IServiceCollection AddCustomerCache<T>(this IServiceCollection services, CacheFormat<T> format)
    {
        if (services.Any(s => s.ServiceType == typeof(RedisCacheConnection)))
            services.AddSingleton<ICustomerCache<T>>(provider => new RedisCustomerCache<T>(
                provider.GetRequiredService<RedisCacheConnection>(),
                format
            ));
        else
            services.AddSingleton<ICustomerCache<T>, InMemoryCustomerCache<T>>();
        return services.AddSingleton<ICustomerCache>(provider => provider.GetRequiredService<ICustomerCache<T>>());
    }
}
