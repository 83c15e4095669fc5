using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentAssignmentType : ObjectGraphType<ExperimentAssignment>
{
    public ExperimentAssignmentType()
    {
        Name = "ExperimentAssignment";
        Description =
            "The arm a customer is in: the one stored at their first exposure, else the one a decision "
            + "would give now (a hash of the experiment id and customer id; for a bandit after its burn-in, the "
            + "current allocation). Once exposed, it never changes.";
        Field<NonNullGraphType<ExperimentType>>("experiment")
            .Description("The experiment.")
            .Resolve(ctx => ctx.Source.Experiment);
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own customer id.")
            .Resolve(ctx => ctx.Source.CustomerId);
        Field<ExperimentVariantType>("variant")
            .Description("The variant to show; null in the holdout (show neither variant).")
            .Resolve(ctx => ctx.Source.Variant);
        Field(a => a.InHoldout).Description("Whether the customer is in the holdout.");
        Field(a => a.ExposedAt, nullable: true).Description("When the customer was first exposed; null if never.");
    }
}
