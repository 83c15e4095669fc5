using Personalize.Api.GraphQL;
using Personalize.Events;

namespace Personalize.Api.Events;

/// <summary>The events feature's batch loaders.</summary>
public static class EventLoaders
{
    /// <summary>The delivery log of an endpoint, newest first; endpoints asked alike are read in one statement.</summary>
    public static Result<IEnumerable<WebhookDelivery>?> DeliveriesOf(this BatchLoaders loaders, long endpointId,
        WebhookDeliveryStatus? status, int first) =>
        loaders.GetGroups<long, WebhookDelivery>($"webhook-deliveries({status},{first})",
            (ids, ct) => loaders.Service<EventQueries>().DeliveriesAsync(ids, status, first, ct)).Load(endpointId);
}
