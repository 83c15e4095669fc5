using GraphQL.Types;
using Personalize.Api.Events;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "One event sent to one endpoint: its attempts and how the receiver answered.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The delivery's id.")
            .Resolve(ctx => ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<CustomerEventGraphType>>("event")
            .Description("The event sent.")
            .Resolve(ctx => ctx.Source.Event);
        Field<NonNullGraphType<WebhookDeliveryStatusType>>("status")
            .Description("Pending, delivered or dead.")
            .Resolve(ctx => ctx.Source.Status);
        Field(d => d.Attempts).Description("Requests sent so far.");
        Field(d => d.NextAttemptAt).Description("When a pending delivery is tried next (UTC).");
        Field(d => d.LastStatusCode, nullable: true)
            .Description("The HTTP status of the last answer; null when none came (refused, timed out).");
        Field(d => d.LastError, nullable: true).Description("Why the last attempt failed; null after a success.");
        Field(d => d.LastAttemptAt, nullable: true).Description("When the last attempt was made (UTC).");
        Field(d => d.DeliveredAt, nullable: true).Description("When the receiver answered 2xx (UTC).");
    }
}
