using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class SampleRatioCheckType : ObjectGraphType<SampleRatioCheck>
{
    public SampleRatioCheckType()
    {
        Name = "SampleRatioCheck";
        Description =
            "Chi-square goodness-of-fit of the exposures per arm against the configured split. A mismatch "
            + "means assignment or exposure logging is broken: do not trust the lifts.";
        Field(s => s.ChiSquare).Description("The chi-square statistic.");
        Field(s => s.DegreesOfFreedom).Description("Arms − 1.");
        Field(s => s.PValue).Description("P(chi-square ≥ statistic) if the split were as configured.");
        Field(s => s.MismatchDetected).Description($"Whether the p-value is below {SampleRatioCheck.Threshold}.");
    }
}
