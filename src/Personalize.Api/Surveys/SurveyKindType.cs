using GraphQL.Types;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

public sealed class SurveyKindType : EnumerationGraphType<SurveyKind>
{
    public SurveyKindType()
    {
        Name = "SurveyKind";
        Description = "Which satisfaction question was answered.";
    }
}
