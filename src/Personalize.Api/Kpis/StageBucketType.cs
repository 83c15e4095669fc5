using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class StageBucketType : ObjectGraphType<StageBucket>
{
    public StageBucketType()
    {
        Name = "StageBucket";
        Description = "The customers in each lifecycle stage at the end of a bucket [start, end).";
        Field(b => b.Start).Description("Start of the bucket (inclusive, UTC).");
        Field(b => b.End).Description("End of the bucket (exclusive, UTC): the time the distribution is taken at.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageShareType>>>>("stages")
            .Description(
                "Every stage with its customers at the bucket's end and their share of the customers who existed then."
            )
            .Resolve(ctx => ctx.Source.Stages);
    }
}
