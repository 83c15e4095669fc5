using GraphQL.Types;
using Personalize.Events;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class ReplayResultType : ObjectGraphType<ReplayResult>
{
    public ReplayResultType()
    {
        Name = "ReplayResult";
        Description = "What a replay put back in the queue.";
        Field(r => r.Deliveries).Description("Deliveries that will be sent again from their first attempt.");
    }
}
