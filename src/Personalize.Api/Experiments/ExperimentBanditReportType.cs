using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentBanditReportType : ObjectGraphType<BanditReport>
{
    public ExperimentBanditReportType()
    {
        Name = "ExperimentBanditReport";
        Description =
            "How a Thompson-sampling experiment allocates (Beta-Bernoulli on recorded conversions) and what "
            + "the exploration cost. "
            + "Regret uses the final conversion rates: each exposed customer adds (best rate − their arm's rate).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BanditShareType>>>>("allocation")
            .Description(
                "Now: the probability each variant converts best, the share of new customers it gets once "
                    + "the burn-in is over."
            )
            .Resolve(ctx => ctx.Source.Allocation);
        Field(r => r.BurnInExposures).Description("Exposures split by weight before the bandit allocates.");
        Field(r => r.BurnedIn).Description("Whether the burn-in is over.");
        Field(r => r.CumulativeRegret)
            .Description("Estimated conversions lost so far against sending everyone to the best variant.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BanditDayType>>>>("days")
            .Description("Allocation and regret over time, one entry per day with exposures.")
            .Resolve(ctx => ctx.Source.Days);
    }
}
