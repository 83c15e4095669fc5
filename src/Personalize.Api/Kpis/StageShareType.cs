using GraphQL.Types;
using Personalize.Api.Lifecycle;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class StageShareType : ObjectGraphType<StageShare>
{
    public StageShareType()
    {
        Name = "StageShare";
        Description = "How many customers are in a lifecycle stage.";
        Field<NonNullGraphType<LifecycleStageType>>("stage").Description("The stage.").Resolve(ctx => ctx.Source.Stage);
        Field(s => s.Customers).Description("Customers in the stage.");
        Field(s => s.Share).Description("Customers in the stage / customers in scope (0 to 1).");
    }
}
