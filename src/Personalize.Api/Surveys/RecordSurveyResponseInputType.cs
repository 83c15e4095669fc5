using GraphQL.Types;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

public sealed class RecordSurveyResponseInputType : InputObjectGraphType<RecordSurveyResponseInput>
{
    public RecordSurveyResponseInputType()
    {
        Name = "RecordSurveyResponseInput";
        Description = "A survey answer to record.";
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own customer id (the customer must exist).");
        Field<NonNullGraphType<SurveyKindType>>("kind").Description("Which question was answered.");
        Field(s => s.Score).Description("0-10 for NPS, 1-5 for CSAT.");
        Field(s => s.Comment, nullable: true).Description("Free-text comment (at most 2000 characters).");
        Field(s => s.RespondedAt, nullable: true).Description("When the answer was given (default: now).");
        Field(s => s.IdempotencyKey, nullable: true)
            .Description("A key unique to this answer; a retry with the same key is stored once.");
    }
}
