using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentVarianceReductionType : ObjectGraphType<VarianceReduction>
{
    public ExperimentVarianceReductionType()
    {
        Name = "ExperimentVarianceReduction";
        Description =
            "What CUPED achieved on a metric, the covariate being each customer's spend in the "
            + $"{ExperimentAnalysis.PreExposureDays} days before exposure: Y' = Y − θ (X − mean X), all arms pooled.";
        Field<NonNullGraphType<ExperimentMetricType>>("metric")
            .Description("The metric adjusted.")
            .Resolve(ctx => ctx.Source.Metric);
        Field(r => r.Reduction)
            .Description(
                "1 − var(adjusted) / var(raw): the share of the variance removed (0.3 = "
                    + "the same precision with 30 % fewer customers)."
            );
        Field(r => r.Theta).Description("θ = cov(metric, pre-exposure spend) / var(pre-exposure spend).");
    }
}
