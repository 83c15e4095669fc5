using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class RecommendationReasonType : ObjectGraphType<RecommendationReason>
{
    public RecommendationReasonType()
    {
        Name = "RecommendationReason";
        Description = "Why an item is recommended, as a code and as words a customer can read.";
        Field<NonNullGraphType<RecommendationReasonCodeType>>("code")
            .Description("The kind of reason.")
            .Resolve(ctx => ctx.Source.Code);
        Field(r => r.Text)
            .Description(
                "The reason in words, e.g. \"Because you bought Trail boots\" or \"Popular with loyal customers\"."
            );
        Field<ContentItemType>("relatedItem")
            .Description("The item behind the reason (the X of \"Because you bought X\"); null for other reasons.")
            .Resolve(ctx => ctx.Source.RelatedItem);
    }
}
