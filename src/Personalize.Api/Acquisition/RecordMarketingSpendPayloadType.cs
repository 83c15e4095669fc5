using GraphQL.Types;
using Personalize.Acquisition;
using Personalize.Api.GraphQL;
using Personalize.Common;

namespace Personalize.Api.Acquisition;

public sealed class RecordMarketingSpendPayloadType : ObjectGraphType<MutationResult<MarketingSpendBatch>>
{
    public RecordMarketingSpendPayloadType()
    {
        Name = "RecordMarketingSpendPayload";
        Description =
            "The result of recordMarketingSpend: the rows as stored, or the errors that stopped it (then "
            + "nothing was written).";
        Field<ListGraphType<NonNullGraphType<MarketingSpendType>>>("spend")
            .Description("The rows as stored, in the order given; null when there are errors.")
            .Resolve(ctx => ctx.Source.Value?.Entries);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorInterface>>>>("errors")
            .Description("Why nothing was written; empty on success.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}
