using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

public static class SurveyMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<SurveyResponseType, SurveyResponse>>>("recordSurveyResponse")
            .Description(
                "Records an NPS (0-10) or CSAT (1-5) answer of a known customer. With an idempotency key, a "
                    + "retried request is stored once."
            )
            .Argument<NonNullGraphType<RecordSurveyResponseInputType>>("input", "The answer.")
            .ResolveAsync(async ctx =>
                await ctx.Service<SurveyService>()
                    .RecordAsync(ctx.GetArgument<RecordSurveyResponseInput>("input"), ctx.CancellationToken)
            );
    }
}
