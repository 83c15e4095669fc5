using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
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

public sealed class NpsCategoryType : EnumerationGraphType<NpsCategory>
{
    public NpsCategoryType()
    {
        Name = "NpsCategory";
        Description = "The Net Promoter Score group of an answer.";
    }
}

public sealed class SurveyScoresType : ObjectGraphType<SurveyScores>
{
    public SurveyScoresType()
    {
        Name = "SurveyScores";
        Description = "A customer's satisfaction answers, summarized.";
        Field(s => s.LatestNps, nullable: true).Description("The most recent NPS answer (0-10); null when never answered.");
        Field(s => s.LatestNpsAt, nullable: true).Description("When the most recent NPS answer was given.");
        Field<NpsCategoryType>("npsCategory").Description("Promoter, passive or detractor, from the latest NPS answer.").Resolve(ctx => ctx.Source.NpsCategory);
        Field(s => s.AverageCsat, nullable: true).Description("Mean of the customer's CSAT answers (1-5); null when never answered.");
        Field(s => s.CsatCount).Description("Number of CSAT answers.");
        Field(s => s.ResponseCount).Description("Number of survey answers of any kind.");
    }
}

public sealed class SurveyResponseType : ObjectGraphType<SurveyResponse>
{
    public SurveyResponseType()
    {
        Name = "SurveyResponse";
        Description = "One answer to a satisfaction survey.";
        Field<NonNullGraphType<SurveyKindType>>("kind").Description("Which question was answered.").Resolve(ctx => ctx.Source.Kind);
        Field(s => s.Score).Description("The answer: 0-10 for NPS, 1-5 for CSAT.");
        Field(s => s.Comment, nullable: true).Description("The customer's free-text comment.");
        Field(s => s.RespondedAt).Description("When the answer was given (UTC).");
    }
}

public static class SurveyMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<SurveyResponseType, SurveyResponse>>>("recordSurveyResponse")
            .Description("Records an NPS (0-10) or CSAT (1-5) answer of a known customer. With an idempotency key, a retried request is stored once.")
            .Argument<NonNullGraphType<RecordSurveyResponseInputType>>("input", "The answer.")
            .ResolveAsync(async ctx => await ctx.Service<SurveyService>().RecordAsync(ctx.GetArgument<RecordSurveyResponseInput>("input"), ctx.CancellationToken));
    }
}

public sealed class RecordSurveyResponseInputType : InputObjectGraphType<RecordSurveyResponseInput>
{
    public RecordSurveyResponseInputType()
    {
        Name = "RecordSurveyResponseInput";
        Description = "A survey answer to record.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id (the customer must exist).");
        Field<NonNullGraphType<SurveyKindType>>("kind").Description("Which question was answered.");
        Field(s => s.Score).Description("0-10 for NPS, 1-5 for CSAT.");
        Field(s => s.Comment, nullable: true).Description("Free-text comment (at most 2000 characters).");
        Field(s => s.RespondedAt, nullable: true).Description("When the answer was given (default: now).");
        Field(s => s.IdempotencyKey, nullable: true).Description("A key unique to this answer; a retry with the same key is stored once.");
    }
}
