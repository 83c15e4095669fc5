using GraphQL.Types;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class RecommenderCandidateType : ObjectGraphType<ModelCandidate>
{
    public RecommenderCandidateType()
    {
        Name = "RecommenderCandidate";
        Description =
            "A recommender that competed when the model version was trained, with its figures on the "
            + "held-out validation window (the most recent days before the training date).";
        Field(c => c.Name)
            .Description(
                "The recommender, e.g. \"popularity\", \"ease\", \"rp3beta\", "
                    + "\"personal-frequency\", \"lightgbm-rerank\"."
            );
        Field(c => c.Parameters)
            .Description("The hyper-parameters its tuning grid chose on the validation window, in words.");
        Field(c => c.Simple)
            .Description(
                "True for the popularity variants: the bar a personal model must beat by more than the noise."
            );
        Field(c => c.NdcgAt10).Description("Mean NDCG@10 over the validation customers.");
        Field(c => c.HitRateAt10).Description("Share of validation customers with at least one hit in their top 10.");
        Field(c => c.RecallAt10).Description("Mean share of each validation customer's items found in their top 10.");
        Field(c => c.Coverage).Description("Distinct items recommended over the recommendable catalogue.");
        Field(c => c.Note, nullable: true)
            .Description(
                "Why the recommender did not compete (e.g. too few training "
                    + "groups for the re-ranker); null when it did."
            );
    }
}
