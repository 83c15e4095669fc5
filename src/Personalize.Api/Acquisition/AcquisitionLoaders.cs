using Personalize.Acquisition;
using Personalize.Api.GraphQL;

namespace Personalize.Api.Acquisition;

/// <summary>The acquisition feature's batch loaders.</summary>
public static class AcquisitionLoaders
{
    /// <summary>
    /// A period's acquisition per month and channel, read once per request however many fields sum it: the report,
    /// <c>kpis.acquisition</c> and the spend, CAC, CLV:CAC and payback trends of one period share one read. It runs
    /// once the request's other fields are resolved, beside the other loaders (the KPI view's order figures).
    /// </summary>
    public static Result<AcquisitionMonths> AcquisitionMonths(
        this BatchLoaders loaders,
        DateTime from,
        DateTime to,
        string? channel
    ) =>
        loaders
            .Get<(DateTime From, DateTime To, string? Channel), AcquisitionMonths>(
                "acquisition-months",
                async (periods, ct) =>
                {
                    var months = new Dictionary<(DateTime, DateTime, string?), AcquisitionMonths>();
                    foreach (var period in periods)
                        months[period] = await loaders
                            .Service<AcquisitionQueries>()
                            .MonthsAsync(period.From, period.To, period.Channel, ct);
                    return months;
                }
            )
            .Load((from, to, channel))
            .Then(months => months!);
}
