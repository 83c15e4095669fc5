using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentMetricComparisonType : ObjectGraphType<MetricComparison>
{
    public ExperimentMetricComparisonType()
    {
        Name = "ExperimentMetricComparison";
        Description =
            "One metric of an arm against the control (arm − control), with the fixed-horizon and the "
            + "sequential (mSPRT) inference; `pValue`, `lower` and `upper` show the analysis the report asked for.";
        Field<NonNullGraphType<ExperimentMetricType>>("metric")
            .Description("The metric.")
            .Resolve(ctx => ctx.Source.Metric);
        Field(c => c.IsGuardrail)
            .Description("Whether the metric is a guardrail (a variant must not make it worse) rather than a goal.");
        Field(c => c.Method)
            .Description(
                "The fixed-horizon test used, e.g. \"Welch t-test on CUPED-adjusted values\" "
                    + "or \"delta method, z-test\"."
            );
        Field(c => c.Control).Description("The control's value over the customers compared (raw, not CUPED-adjusted).");
        Field(c => c.Treatment).Description("This arm's value over the customers compared (raw, not CUPED-adjusted).");
        Field(c => c.Difference)
            .Description(
                "Arm − control; for revenue and orders, the difference of the "
                    + "CUPED-adjusted means (the same in expectation, less noisy)."
            );
        Field(c => c.Customers)
            .Description(
                "Customers compared, both arms: those whose attribution window has "
                    + "closed, so each value is final when it is counted."
            );
        Field(c => c.Relative, nullable: true)
            .Description("Difference / control value; null when the control's value is 0.");
        Field<NonNullGraphType<ExperimentAnalysisType>>("analysis")
            .Description("The analysis `pValue`, `lower` and `upper` show.")
            .Resolve(ctx => ctx.Source.Shown);
        Field(c => c.PValue).Description("Two-sided p-value of the analysis shown.");
        Field(c => c.Lower)
            .Description(
                "Lower end of the 95 % interval (fixed horizon) or confidence sequence (sequential) of the difference."
            );
        Field(c => c.Upper)
            .Description(
                "Upper end of the 95 % interval (fixed horizon) or confidence sequence (sequential) of the difference."
            );
        Field<NonNullGraphType<BooleanGraphType>>("isSignificant")
            .Description("Whether `pValue` is below 0.05.")
            .Resolve(ctx => ctx.Source.PValue < 0.05);
        Field(c => c.FixedHorizonPValue)
            .Description("Fixed-horizon p-value: valid only if read once at a sample size set in advance.");
        Field(c => c.FixedHorizonLower).Description("Lower end of the fixed-horizon 95 % interval.");
        Field(c => c.FixedHorizonUpper).Description("Upper end of the fixed-horizon 95 % interval.");
        Field(c => c.SequentialPValue)
            .Description(
                "Always-valid p-value (mSPRT, one look a day since the first exposure): valid however often it is read."
            );
        Field(c => c.SequentialLower).Description("Lower end of the 95 % confidence sequence.");
        Field(c => c.SequentialUpper).Description("Upper end of the 95 % confidence sequence.");
    }
}
