using GraphQL.Types;
using Personalize.Api.Lifecycle;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class StageFlowType : ObjectGraphType<StageFlow>
{
    public StageFlowType()
    {
        Name = "StageFlow";
        Description = "Moves from one lifecycle stage to another in a period.";
        Field<NonNullGraphType<LifecycleStageType>>("from")
            .Description("The stage left.")
            .Resolve(ctx => ctx.Source.From);
        Field<NonNullGraphType<LifecycleStageType>>("to")
            .Description("The stage entered.")
            .Resolve(ctx => ctx.Source.To);
        Field(f => f.Transitions)
            .Description(
                "Stage changes recorded from `from` to `to` in the period (a customer who moved twice counts twice)."
            );
    }
}
