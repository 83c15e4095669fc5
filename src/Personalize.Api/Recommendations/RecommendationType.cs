using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class RecommendationType : ObjectGraphType<Recommendation>
{
    public RecommendationType()
    {
        Name = "Recommendation";
        Description = "An item recommended to a customer, with its score and the reason.";
        Field<NonNullGraphType<ContentItemType>>("item")
            .Description("The recommended item.")
            .Resolve(ctx => ctx.Source.Item);
        Field(r => r.Score)
            .Description(
                "How strongly it is recommended; higher is better, comparable within one list "
                    + "only. Pinned items score above every ranked item; a new item in its reserved slot scores 0."
            );
        Field<NonNullGraphType<RecommendationReasonType>>("reason")
            .Description("Why this item.")
            .Resolve(ctx => ctx.Source.Reason);
    }
}
