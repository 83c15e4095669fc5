using Personalize.Api.GraphQL;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class RecommendationReasonCodeType : DescribedEnumType<ReasonCode>
{
    public RecommendationReasonCodeType()
        : base("Why an item is recommended.") => Name = "RecommendationReasonCode";
}
