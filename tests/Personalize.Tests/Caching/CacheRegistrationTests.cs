using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Caching;
using Personalize.Scores;

namespace Personalize.Tests.Caching;

public sealed class CacheRegistrationTests
{
    [Fact]
    public void Without_a_Redis_connection_string_scores_are_cached_in_process()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.IsType<InMemoryCustomerCache<CustomerScore>>(
            services.GetRequiredService<ICustomerCache<CustomerScore>>()
        );
        Assert.Same(
            services.GetRequiredService<ICustomerCache<CustomerScore>>(),
            services.GetRequiredService<ICustomerCache<CustomerScore>>()
        );
    }

    [Fact]
    public void With_a_Redis_connection_string_scores_are_cached_in_Redis_with_the_configured_options()
    {
        using var services = Build(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = "127.0.0.1:1",
                ["Cache:KeyPrefix"] = "shop1:",
                ["Cache:OperationTimeoutMs"] = "100",
                ["Cache:WriteBatchSize"] = "1000",
            }
        );

        var cache = Assert.IsType<RedisCustomerCache<CustomerScore>>(
            services.GetRequiredService<ICustomerCache<CustomerScore>>()
        );
        var options = services.GetRequiredService<CacheOptions>();
        Assert.Equal("127.0.0.1:1", options.ConnectionString);
        Assert.Equal(100, options.OperationTimeoutMs);
        Assert.Equal(1000, options.WriteBatchSize);
        Assert.Equal("shop1:score:7", (string?)cache.KeyFor(7));
    }

    [Fact]
    public void Defaults_are_short_timeouts_and_batches_of_five_thousand()
    {
        var options = new CacheOptions();

        Assert.Equal("pz:", options.KeyPrefix);
        Assert.Equal(250, options.OperationTimeoutMs);
        Assert.Equal(5_000, options.WriteBatchSize);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddCaching(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddCustomerCache(CustomerScoreCodec.Format)
            .BuildServiceProvider();
}
