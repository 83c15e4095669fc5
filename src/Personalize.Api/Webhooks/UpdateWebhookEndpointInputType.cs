using GraphQL.Types;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class UpdateWebhookEndpointInputType : InputObjectGraphType
{
    public UpdateWebhookEndpointInputType()
    {
        Name = "UpdateWebhookEndpointInput";
        Description =
            "The endpoint's id and the fields to change; absent fields keep their values. The secret "
            + "changes by rotation only.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The endpoint's id.");
        Field<StringGraphType>("url").Description("Where events are POSTed: an absolute http(s) URL.");
        WebhookEndpointInputType.AddSettings(this);
    }
}
