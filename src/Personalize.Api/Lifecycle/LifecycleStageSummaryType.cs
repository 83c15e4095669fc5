using GraphQL.Types;
using Personalize.Lifecycle;

namespace Personalize.Api.Lifecycle;

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
