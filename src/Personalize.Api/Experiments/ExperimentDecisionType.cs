using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentDecisionType : ObjectGraphType<ExperimentDecision>
{
    public ExperimentDecisionType()
    {
        Name = "ExperimentDecision";
        Description =
            "The decision summary: ship, stop or keep running, always from the sequential results (valid at "
            + "any look), with the reason.";
        Field<NonNullGraphType<ExperimentVerdictType>>("verdict")
            .Description("SHIP, STOP or KEEP_RUNNING.")
            .Resolve(ctx => ctx.Source.Verdict);
        Field(d => d.Reason).Description("Why, with the figures behind it.");
        Field<ExperimentVariantType>("variant")
            .Description("The variant to roll out (SHIP only); null otherwise.")
            .Resolve(ctx => ctx.Source.Variant);
    }
}
