using GraphQL.Types;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public sealed class ClvRecomputeFailureType : ObjectGraphType<ClvRecomputeFailure>
{
    public ClvRecomputeFailureType()
    {
        Name = "ClvRecomputeFailure";
        Description =
            "A recompute that stored nothing because no purchase model could be fitted; the previous "
            + "snapshot stays in use.";
        Field(f => f.AsOf).Description("The as-of date it was run for.");
        Field(f => f.AttemptedAt).Description("When it ran.");
        Field(f => f.Reason).Description("Why every candidate model failed.");
    }
}
