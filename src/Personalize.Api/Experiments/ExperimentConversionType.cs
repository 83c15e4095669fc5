using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentConversionType : ObjectGraphType<ExperimentConversion>
{
    public ExperimentConversionType()
    {
        Name = "ExperimentConversion";
        Description = "A logged conversion of an exposed customer.";
        Field(c => c.Value).Description("What the conversion was worth (e.g. the order amount); 0 when not given.");
        Field(c => c.ConvertedAt).Description("When it happened (UTC).");
        Field<NonNullGraphType<BooleanGraphType>>("inHoldout")
            .Description("Whether the customer was in the holdout.")
            .Resolve(ctx => ctx.Source.VariantId is null);
    }
}
