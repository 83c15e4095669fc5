using GraphQL;
using Personalize.Api.GraphQL;
using Personalize.Events;

namespace Personalize.Api.Events;

/// <summary>The events feature's batch loaders.</summary>
public static class EventLoaders
{
    /// <summary>Customers' current ids for a page of events, in one statement.</summary>
    public static Result<string?> CustomerExternalId(IResolveFieldContext ctx, long customerId) =>
        ctx.Loaders().Get<long, string>("event-customer-external-id",
            async (ids, ct) => await ctx.Service<EventQueries>().ExternalIdsAsync(ids, ct)).Load(customerId);

    /// <summary>The delivery logs of a page of endpoints.</summary>
    public static Result<IEnumerable<WebhookDelivery>?> Deliveries(IResolveFieldContext ctx, long endpointId, WebhookDeliveryStatus? status, int first) =>
        ctx.Loaders().Get<long, IEnumerable<WebhookDelivery>>($"webhook-deliveries({status},{first})",
            async (ids, ct) =>
            {
                var found = await ctx.Service<EventQueries>().DeliveriesAsync(ids, status, first, ct);
                return ids.ToDictionary(id => id, id => found[id]);
            }).Load(endpointId);
}
