using GraphQL.Types;
using Personalize.Api.Segments;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class SegmentClvType : ObjectGraphType<SegmentClv>
{
    public SegmentClvType()
    {
        Name = "SegmentClv";
        Description = "The current CLV of a segment's members (current scores of `scores recompute`).";
        Field<SegmentType>("segment")
            .Description("The segment; null for the row of every customer.")
            .Resolve(ctx => ctx.Source.Segment);
        Field(s => s.Customers).Description("Customers in the segment now.");
        Field(s => s.ScoredCustomers).Description("Of them, customers with a predicted CLV.");
        Field(s => s.TotalPredictedClv)
            .Description("Sum of their predicted CLV (discounted, over the scoring horizon).");
        Field(s => s.AveragePredictedClv, nullable: true)
            .Description("Mean predicted CLV of the scored customers; null when none is scored.");
        Field(s => s.TotalHistoricalClv)
            .Description("Sum of the scored customers' historical CLV (revenue to date at their scoring).");
        Field(s => s.AverageHistoricalClv, nullable: true)
            .Description("Mean historical CLV of the scored customers; null when none is scored.");
    }
}
