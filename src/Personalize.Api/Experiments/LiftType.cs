using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class LiftType : ObjectGraphType<Lift>
{
    public LiftType()
    {
        Name = "Lift";
        Description =
            "An arm's conversion rate against the control's: the pooled two-proportion z-test, a 95 % Wald "
            + "interval of the difference, and a 95 % log (Katz) interval of the relative lift.";
        Field(l => l.Difference).Description("Arm rate − control rate (absolute, e.g. 0.03 = 3 points).");
        Field(l => l.DifferenceLower).Description("Lower end of the 95 % confidence interval of the difference.");
        Field(l => l.DifferenceUpper).Description("Upper end of the 95 % confidence interval of the difference.");
        Field(l => l.Relative, nullable: true)
            .Description("Arm rate / control rate − 1 (e.g. 0.3 = +30 %); null when the control has no conversion.");
        Field(l => l.RelativeLower, nullable: true)
            .Description(
                "Lower end of the 95 % confidence interval of the "
                    + "relative lift; null when either arm has no conversion."
            );
        Field(l => l.RelativeUpper, nullable: true)
            .Description(
                "Upper end of the 95 % confidence interval of the "
                    + "relative lift; null when either arm has no conversion."
            );
        Field(l => l.ZScore).Description("The two-proportion z statistic (pooled standard error).");
        Field(l => l.PValue)
            .Description(
                "Two-sided p-value of the z-test: the chance of a difference at least this "
                    + "large if the arms converted alike."
            );
        Field(l => l.IsSignificant).Description("Whether the p-value is below 0.05.");
    }
}
