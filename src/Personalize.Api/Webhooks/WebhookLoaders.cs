using Personalize.Api.GraphQL;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

/// <summary>The webhooks feature's batch loaders.</summary>
public static class WebhookLoaders
{
    /// <summary>The delivery log of an endpoint, newest first; endpoints asked alike are read in one
    /// statement.</summary>
    public static Result<IEnumerable<WebhookDelivery>?> DeliveriesOf(
        this BatchLoaders loaders,
        long endpointId,
        WebhookDeliveryStatus? status,
        int first
    ) =>
        loaders
            .GetGroups<long, WebhookDelivery>($"webhook-deliveries({status},{first})", (ids, ct) =>
                loaders.Service<WebhookQueries>().DeliveriesAsync(ids, status, first, ct)
            )
            .Load(endpointId);
}
