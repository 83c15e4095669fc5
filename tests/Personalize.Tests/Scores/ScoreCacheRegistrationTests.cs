using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Scores;
using Personalize.Scores.Cache;

namespace Personalize.Tests.Scores;

public sealed class ScoreCacheRegistrationTests
{
    [Fact]
    public void Without_a_Redis_connection_string_scores_are_cached_in_process()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.IsType<InMemoryScoreCache>(services.GetRequiredService<IScoreCache>());
        Assert.Same(services.GetRequiredService<IScoreCache>(), services.GetRequiredService<IScoreCache>());
    }

    [Fact]
    public void With_a_Redis_connection_string_scores_are_cached_in_Redis_with_the_configured_options()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
            ["ScoreCache:KeyPrefix"] = "shop1:",
            ["ScoreCache:OperationTimeoutMs"] = "100",
            ["ScoreCache:WriteBatchSize"] = "1000",
        });

        var cache = Assert.IsType<RedisScoreCache>(services.GetRequiredService<IScoreCache>());
        var options = services.GetRequiredService<ScoreCacheOptions>();
        Assert.Equal("127.0.0.1:1", options.ConnectionString);
        Assert.Equal(100, options.OperationTimeoutMs);
        Assert.Equal(1000, options.WriteBatchSize);
        Assert.Equal("shop1:score:7", (string?)cache.KeyFor(7));
    }

    [Fact]
    public void Defaults_are_short_timeouts_and_batches_of_five_thousand()
    {
        var options = new ScoreCacheOptions();

        Assert.Equal("pz:", options.KeyPrefix);
        Assert.Equal(250, options.OperationTimeoutMs);
        Assert.Equal(5_000, options.WriteBatchSize);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddScoreCache(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
