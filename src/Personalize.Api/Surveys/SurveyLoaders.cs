using Personalize.Api.GraphQL;
using Personalize.Surveys;

namespace Personalize.Api.Surveys;

/// <summary>The surveys feature's batch loaders.</summary>
public static class SurveyLoaders
{
    /// <summary>A customer's survey answers, summarized (<see cref="SurveyScores.None"/> without answers).</summary>
    public static Result<SurveyScores> SurveyScoresOf(this BatchLoaders loaders, long customerId) =>
        loaders
            .Get<long, SurveyScores>("survey-scores", (ids, ct) =>
                loaders.Service<SurveyService>().ScoresAsync(ids, ct)
            )
            .Load(customerId)
            .Then(s => s ?? SurveyScores.None);
}
