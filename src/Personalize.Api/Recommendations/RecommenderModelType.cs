using GraphQL.Types;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class RecommenderModelType : ObjectGraphType<ServingModel>
{
    public RecommenderModelType()
    {
        Name = "RecommenderModel";
        Description = "A trained recommender version, as served.";
        Field<NonNullGraphType<IntGraphType>>("version")
            .Description("The version number; a newer training has a higher one.")
            .Resolve(ctx => (int)ctx.Source.Version);
        Field(m => m.AsOf).Description("Signals before this time were trained on (UTC).");
        Field(m => m.TrainedAt).Description("When it was trained (UTC).");
        Field<NonNullGraphType<StringGraphType>>("selected")
            .Description(
                "The recommender this version serves, chosen "
                    + "by validation on the store's own most recent signals (see `candidates`)."
            )
            .Resolve(ctx => ctx.Source.Selection.Selected);
        Field<NonNullGraphType<StringGraphType>>("reason")
            .Description(
                "Why it was chosen: its margin over the best "
                    + "simple model and the bootstrap bound, or the minimum of data that was not met."
            )
            .Resolve(ctx => ctx.Source.Selection.Reason);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommenderCandidateType>>>>("candidates")
            .Description("Every recommender that competed, with its validation figures, in the order they were judged.")
            .Resolve(ctx => ctx.Source.Selection.Candidates);
    }
}
