using GraphQL;
using GraphQL.Types;
using Personalize.Api.Events;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Common;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class WebhookEndpointType : ObjectGraphType<WebhookEndpoint>
{
    public WebhookEndpointType()
    {
        Name = "WebhookEndpoint";
        Description =
            "A receiver of customer events, signed per Standard Webhooks (webhook-id, webhook-timestamp, "
            + "webhook-signature).";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The endpoint's id.")
            .Resolve(ctx => ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(e => e.Url).Description("Where events are POSTed.");
        Field(e => e.Description, nullable: true).Description("What the endpoint is for.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerEventTypeType>>>>("eventTypes")
            .Description("The event types it receives; empty: every type.")
            .Resolve(ctx =>
                Enum.GetValues<CustomerEventType>().Where(t => ctx.Source.EventTypes.Length > 0 && ctx.Source.Wants(t))
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageType>>>>("stages")
            .Description("Only customers in these stages when the event is fanned out; empty: every stage.")
            .Resolve(ctx => StageSets.ToList(ctx.Source.Stages));
        Field(e => e.Enabled).Description("Whether events are sent to it.");
        Field(e => e.MaxConcurrency).Description("Requests in flight at most, per service instance.");
        Field(e => e.MaxPerSecond).Description("Requests per second at most, per service instance.");
        Field(e => e.Secret).Description("The signing secret (\"whsec_…\"): verify `webhook-signature` with it.");
        Field(e => e.PreviousSecretExpiresAt, nullable: true)
            .Description(
                "Until when requests also carry a signature made with the secret before the last rotation; "
                    + "null: no overlap."
            );
        Field(e => e.CreatedAt).Description("When it was created (UTC); it receives the events written after that.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryType>>>>("deliveries")
            .Description("The delivery log, newest event first.")
            .Argument<WebhookDeliveryStatusType>("status", "Only deliveries in this state.")
            .Argument<IntGraphType>("first", $"How many (default 50, at most {EventQueries.MaxPage}).", a =>
                a.DefaultValue = 50
            )
            .Resolve(ctx =>
                ctx.Loaders()
                    .DeliveriesOf(
                        ctx.Source.Id,
                        ctx.GetArgument<WebhookDeliveryStatus?>("status"),
                        ctx.GetArgument("first", 50)
                    )
            );
    }
}
