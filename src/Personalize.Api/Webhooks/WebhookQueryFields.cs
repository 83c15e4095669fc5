using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public static class WebhookQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEndpointType>>>>("webhookEndpoints")
            .Description("Every webhook endpoint with its settings and delivery log.")
            .ResolveAsync(async ctx => await ctx.Service<WebhookQueries>().EndpointsAsync(ctx.CancellationToken));
}
