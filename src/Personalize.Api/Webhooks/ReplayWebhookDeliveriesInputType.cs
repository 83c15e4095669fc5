using GraphQL.Types;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class ReplayWebhookDeliveriesInputType : InputObjectGraphType
{
    public ReplayWebhookDeliveriesInputType()
    {
        Name = "ReplayWebhookDeliveriesInput";
        Description = "Which deliveries of an endpoint to send again from their first attempt.";
        Field<NonNullGraphType<IdGraphType>>("endpointId").Description("The endpoint's id.");
        Field<BooleanGraphType>("deadOnly")
            .Description(
                "Only the dead deliveries (default true); false: every delivery in the window, delivered ones too."
            )
            .DefaultValue(true);
        Field<DateTimeGraphType>("from").Description("Only events that occurred at or after this time.");
        Field<DateTimeGraphType>("to").Description("Only events that occurred before this time.");
    }
}
