using Personalize.Common;

namespace Personalize.Tests.Querying;

public sealed class ReferenceDataCacheTests
{
    [Fact]
    public async Task A_value_is_read_once_and_shared_until_invalidated()
    {
        var loads = 0;
        var reloading = new ReferenceDataCache<string>(_ => Task.FromResult($"load {++loads}"), TimeSpan.FromHours(1));

        var values = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => reloading.GetAsync(default).AsTask()));
        Assert.All(values, v => Assert.Equal("load 1", v));

        reloading.Invalidate();
        Assert.Equal("load 2", await reloading.GetAsync(default));
        Assert.Equal("load 2", await reloading.GetAsync(default));
    }

    [Fact]
    public async Task A_change_made_while_loading_is_not_hidden_by_that_load()
    {
        var loads = 0;
        ReferenceDataCache<string>? reloading = null;
        reloading = new ReferenceDataCache<string>(
            _ =>
            {
                if (++loads == 1)
                    reloading!.Invalidate(); // the data changes after the first load began reading
                return Task.FromResult($"load {loads}");
            },
            TimeSpan.FromHours(1)
        );

        Assert.Equal("load 1", await reloading.GetAsync(default));
        Assert.Equal("load 2", await reloading.GetAsync(default));
        Assert.Equal("load 2", await reloading.GetAsync(default));
    }

    [Fact]
    public async Task A_value_older_than_its_maximum_age_is_read_again()
    {
        var loads = 0;
        var reloading = new ReferenceDataCache<string>(_ => Task.FromResult($"load {++loads}"), TimeSpan.Zero);

        Assert.Equal("load 1", await reloading.GetAsync(default));
        Assert.Equal("load 2", await reloading.GetAsync(default));
    }

    [Fact]
    public async Task A_failed_load_is_retried_by_the_next_caller()
    {
        var loads = 0;
        var reloading = new ReferenceDataCache<string>(
            _ => ++loads == 1 ? throw new TimeoutException("database busy") : Task.FromResult("loaded"),
            TimeSpan.FromHours(1)
        );

        await Assert.ThrowsAsync<TimeoutException>(() => reloading.GetAsync(default).AsTask());
        Assert.Equal("loaded", await reloading.GetAsync(default));
    }
}
