using Personalize.Caching;

namespace Personalize.Api.Caching;

/// <summary>A serving instance listens to the other instances' customer changes from its start (with Redis
/// configured).</summary>
public sealed class ChangeFeedSubscription(CustomerNearCache nearCache) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        nearCache.Feed?.SubscribeAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
