using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class VariantInputType : InputObjectGraphType<VariantInput>
{
    public VariantInputType()
    {
        Name = "VariantInput";
        Description = "One arm of an experiment.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A slug unique within the experiment, e.g. `control`.");
        Field(v => v.Name).Description("Name shown to people.");
        Field(v => v.Weight).Description("Relative share (1-10000) of the non-holdout customers.");
        Field(v => v.IsControl, nullable: true).Description("Whether this arm is the control (exactly one is).");
        Field(v => v.Offer, nullable: true).Description("Code of the offer this arm shows (offer experiments).");
        Field(v => v.ContentItem, nullable: true)
            .Description("Id of the content item this arm shows (content experiments).");
    }
}
