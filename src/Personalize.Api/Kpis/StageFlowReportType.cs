using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class StageFlowReportType : ObjectGraphType<StageFlowReport>
{
    public StageFlowReportType()
    {
        Name = "StageFlowReport";
        Description =
            "The lifecycle stage distribution over time and the moves between stages in the period, rebuilt "
            + "from the recorded stage history "
            + "(every customer starts as a PROSPECT when created; each stage change moves them).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageBucketType>>>>("buckets")
            .Description("Customers per stage at the end of each bucket, oldest first.")
            .Resolve(ctx => ctx.Source.Buckets);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageFlowType>>>>("flows")
            .Description("Stage changes recorded in the period, per pair of stages, the most frequent first.")
            .Resolve(ctx => ctx.Source.Flows);
    }
}
