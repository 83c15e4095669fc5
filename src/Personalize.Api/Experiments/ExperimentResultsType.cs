using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentResultsType : ObjectGraphType<ExperimentResults>
{
    public ExperimentResultsType()
    {
        Name = "ExperimentResults";
        Description = "An experiment's results. A conversion counts once per customer for the rate; its value adds up.";
        Field(r => r.Exposures).Description("Customers exposed, all arms together.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentArmType>>>>("arms")
            .Description("Per arm: the control first, the holdout last.")
            .Resolve(ctx => ctx.Source.Arms);
        Field<SampleRatioCheckType>("sampleRatio")
            .Description("Whether the exposures match the configured split; null before any exposure.")
            .Resolve(ctx => ctx.Source.SampleRatio);
        Field(r => r.AttributionWindowDays).Description("Days after exposure during which orders count.");
        Field<NonNullGraphType<ExperimentAnalysisType>>("analysis")
            .Description("The analysis the comparisons' `pValue`, `lower` and `upper` show.")
            .Resolve(ctx => ctx.Source.Shown);
        Field(r => r.SequentialLooks)
            .Description("Looks the sequential test made: one a day from the first exposure to now (or the stop).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentVarianceReductionType>>>>("varianceReductions")
            .Description("What CUPED removed from the variance of revenue and orders per exposed customer.")
            .Resolve(ctx => ctx.Source.VarianceReductions);
        Field<ExperimentBanditReportType>("bandit")
            .Description("Allocation over time and regret of a THOMPSON_SAMPLING experiment; null for a FIXED split.")
            .Resolve(ctx => ctx.Source.Bandit);
        Field<ExperimentDecisionType>("decision")
            .Description("Ship, stop or keep running, and why; null before any exposure.")
            .Resolve(ctx => ctx.Source.Decision);
    }
}
