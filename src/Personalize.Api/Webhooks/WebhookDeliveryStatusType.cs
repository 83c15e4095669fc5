using GraphQL.Types;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class WebhookDeliveryStatusType : EnumerationGraphType<WebhookDeliveryStatus>
{
    public WebhookDeliveryStatusType()
    {
        Name = "WebhookDeliveryStatus";
        Description = "Where a webhook delivery stands.";
    }
}
