using GraphQL.Types;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

public sealed class SurveyResponseType : ObjectGraphType<SurveyResponse>
{
    public SurveyResponseType()
    {
        Name = "SurveyResponse";
        Description = "One answer to a satisfaction survey.";
        Field<NonNullGraphType<SurveyKindType>>("kind")
            .Description("Which question was answered.")
            .Resolve(ctx => ctx.Source.Kind);
        Field(s => s.Score).Description("The answer: 0-10 for NPS, 1-5 for CSAT.");
        Field(s => s.Comment, nullable: true).Description("The customer's free-text comment.");
        Field(s => s.RespondedAt).Description("When the answer was given (UTC).");
    }
}
