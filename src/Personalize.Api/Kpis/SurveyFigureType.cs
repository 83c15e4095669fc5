using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class SurveyFigureType : ObjectGraphType<SurveyFigure>
{
    public SurveyFigureType()
    {
        Name = "SurveyFigure";
        Description = "A survey score and how many answers it rests on.";
        Field(f => f.Score).Description("The score (NPS: −100 to 100; CSAT: 0 to 100 %).");
        Field(f => f.Responses).Description("Answers counted.");
    }
}
