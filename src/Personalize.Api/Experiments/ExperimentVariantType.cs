using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Api.GraphQL;
using Personalize.Api.Offers;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentVariantType : ObjectGraphType<ExperimentVariant>
{
    public ExperimentVariantType()
    {
        Name = "ExperimentVariant";
        Description = "One arm of an experiment and what its customers are shown.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique within the experiment, e.g. `control`.")
            .Resolve(ctx => ctx.Source.Key);
        Field(v => v.Name).Description("Name shown to people.");
        Field(v => v.Weight).Description("Relative share of the non-holdout customers.");
        Field(v => v.IsControl).Description("Whether this is the control every other arm is compared with.");
        Field<OfferType>("offer")
            .Description("The offer this arm shows (offer experiments); null for no offer.")
            .Resolve(ctx => ctx.Source.OfferId is { } key ? ctx.Loaders().OfferByKey(key) : null);
        Field<ContentItemType>("contentItem")
            .Description("The content item this arm shows (content experiments); null for no content.")
            .Resolve(ctx => ctx.Source.ContentItemId is { } key ? ctx.Loaders().ContentItemByKey(key) : null);
    }
}
