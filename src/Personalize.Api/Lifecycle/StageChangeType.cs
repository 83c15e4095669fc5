using GraphQL.Types;
using Personalize.Lifecycle;

namespace Personalize.Api.Lifecycle;

public sealed class StageChangeType : ObjectGraphType<StageChange>
{
    public StageChangeType()
    {
        Name = "StageChange";
        Description = "A move from one lifecycle stage to another.";
        Field<LifecycleStageType>("from")
            .Description("The stage before; null for the first classification.")
            .Resolve(ctx => ctx.Source.From);
        Field<NonNullGraphType<LifecycleStageType>>("to").Description("The stage after.").Resolve(ctx => ctx.Source.To);
        Field(s => s.ChangedAt)
            .Description("When the change was recorded (the as-of date of the scoring that made it).");
    }
}
