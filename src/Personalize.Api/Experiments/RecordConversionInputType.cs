using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class RecordConversionInputType : InputObjectGraphType<RecordConversionInput>
{
    public RecordConversionInputType()
    {
        Name = "RecordConversionInput";
        Description = "An exposed customer converted.";
        Field<NonNullGraphType<IdGraphType>>("experimentId").Description("The experiment's id.");
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own customer id (exposed to the experiment before).");
        Field(c => c.Value, nullable: true)
            .Description("What the conversion was worth, e.g. the order amount (default 0).");
        Field(c => c.ConvertedAt, nullable: true)
            .Description("When it happened (default: now); not before the first exposure.");
        Field(c => c.IdempotencyKey, nullable: true)
            .Description("A key unique to this conversion; a retry with the same key is stored once.");
    }
}
