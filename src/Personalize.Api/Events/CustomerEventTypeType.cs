using GraphQL.Types;
using Personalize.Events;

namespace Personalize.Api.Events;

public sealed class CustomerEventTypeType : EnumerationGraphType<CustomerEventType>
{
    public CustomerEventTypeType()
    {
        Name = "CustomerEventType";
        Description =
            "What happened to a customer. On the wire (webhook `type`) it is written customer.stage_changed and so on.";
    }
}
