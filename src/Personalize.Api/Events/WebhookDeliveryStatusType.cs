using GraphQL.Types;
using Personalize.Events;

namespace Personalize.Api.Events;

public sealed class WebhookDeliveryStatusType : EnumerationGraphType<WebhookDeliveryStatus>
{
    public WebhookDeliveryStatusType()
    {
        Name = "WebhookDeliveryStatus";
        Description = "Where a webhook delivery stands.";
    }
}
