using GraphQL.Types;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

public sealed class SurveyScoresType : ObjectGraphType<SurveyScores>
{
    public SurveyScoresType()
    {
        Name = "SurveyScores";
        Description = "A customer's satisfaction answers, summarized.";
        Field(s => s.LatestNps, nullable: true)
            .Description("The most recent NPS answer (0-10); null when never answered.");
        Field(s => s.LatestNpsAt, nullable: true).Description("When the most recent NPS answer was given.");
        Field<NpsCategoryType>("npsCategory")
            .Description("Promoter, passive or detractor, from the latest NPS answer.")
            .Resolve(ctx => ctx.Source.NpsCategory);
        Field(s => s.AverageCsat, nullable: true)
            .Description("Mean of the customer's CSAT answers (1-5); null when never answered.");
        Field(s => s.CsatCount).Description("Number of CSAT answers.");
        Field(s => s.ResponseCount).Description("Number of survey answers of any kind.");
    }
}
