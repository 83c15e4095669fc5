using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentArmType : ObjectGraphType<ArmResult>
{
    public ExperimentArmType()
    {
        Name = "ExperimentArm";
        Description = "The results of one arm (a variant, or the holdout).";
        Field<ExperimentVariantType>("variant")
            .Description("The variant; null for the holdout.")
            .Resolve(ctx => ctx.Source.Variant);
        Field(a => a.IsHoldout).Description("Whether this arm is the holdout (customers shown nothing).");
        Field(a => a.ExpectedShare).Description("Share of customers the configuration sends to this arm.");
        Field<NonNullGraphType<LongGraphType>>("exposures")
            .Description("Customers exposed (each once).")
            .Resolve(ctx => ctx.Source.Counts.Exposures);
        Field<NonNullGraphType<LongGraphType>>("conversions")
            .Description("Exposed customers who converted at least once.")
            .Resolve(ctx => ctx.Source.Counts.Conversions);
        Field<NonNullGraphType<FloatGraphType>>("conversionRate")
            .Description("conversions / exposures; 0 before any exposure.")
            .Resolve(ctx => ctx.Source.Counts.Rate);
        Field<NonNullGraphType<DecimalGraphType>>("conversionValue")
            .Description("Sum of the values of this arm's conversions.")
            .Resolve(ctx => ctx.Source.Counts.ConversionValue);
        Field<LiftType>("liftVsControl")
            .Description(
                "This arm against the control; null for the control itself and while either arm has no exposure."
            )
            .Resolve(ctx => ctx.Source.Lift);
        Field<ExperimentArmMetricsType>("metrics")
            .Description("Revenue, orders and guardrail metrics of the arm's exposed customers.")
            .Resolve(ctx => ctx.Source.Metrics);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentMetricComparisonType>>>>("comparisons")
            .Description(
                "Every metric against the control; empty for the control and while an arm lacks the data to compare."
            )
            .Resolve(ctx => ctx.Source.Comparisons);
    }
}
