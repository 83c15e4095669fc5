using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class KpiPointType : ObjectGraphType<KpiPoint>
{
    public KpiPointType()
    {
        Name = "KpiPoint";
        Description = "A metric over one bucket [start, end).";
        Field(p => p.Start).Description("Start of the bucket (inclusive, UTC).");
        Field(p => p.End).Description("End of the bucket (exclusive, UTC).");
        Field(p => p.Value, nullable: true)
            .Description("The metric's value; null where it is undefined (e.g. no answers, no previous buyers).");
    }
}
