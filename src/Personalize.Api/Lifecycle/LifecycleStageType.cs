using GraphQL.Types;
using Personalize.Common;
using Personalize.Lifecycle;

namespace Personalize.Api.Lifecycle;

public sealed class LifecycleStageType : EnumerationGraphType<LifecycleStage>
{
    public LifecycleStageType()
    {
        Name = "LifecycleStage";
        Description = "Where a customer stands in the relationship; content and rewards differ by stage. Thresholds are configuration.";
    }
}

public sealed record LifecycleStageSummary(LifecycleStage Stage, string Description, int CustomerCount);

public sealed class LifecycleStageSummaryType : ObjectGraphType<LifecycleStageSummary>
{
    public LifecycleStageSummaryType()
    {
        Name = "LifecycleStageSummary";
        Description = "A lifecycle stage, what it means with the current thresholds, and how many customers are in it.";
        Field<NonNullGraphType<LifecycleStageType>>("stage").Description("The stage.").Resolve(ctx => ctx.Source.Stage);
        Field(s => s.Description).Description("What puts a customer in this stage, with the configured thresholds.");
        Field(s => s.CustomerCount).Description("Customers in this stage now.");
    }
}

public sealed class StageChangeType : ObjectGraphType<StageChange>
{
    public StageChangeType()
    {
        Name = "StageChange";
        Description = "A move from one lifecycle stage to another.";
        Field<LifecycleStageType>("from").Description("The stage before; null for the first classification.").Resolve(ctx => ctx.Source.From);
        Field<NonNullGraphType<LifecycleStageType>>("to").Description("The stage after.").Resolve(ctx => ctx.Source.To);
        Field(s => s.ChangedAt).Description("When the change was recorded (the as-of date of the scoring that made it).");
    }
}
