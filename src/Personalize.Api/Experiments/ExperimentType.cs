using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentType : ObjectGraphType<Experiment>
{
    public ExperimentType()
    {
        Name = "Experiment";
        Description =
            "A randomized test of offers or content: customers split deterministically between weighted "
            + "variants, with an optional holdout.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The experiment's id (a slug); it also salts the assignment hash, so it never changes.")
            .Resolve(ctx => ctx.Source.Key);
        Field(e => e.Name).Description("Name shown to people.");
        Field(e => e.Description, nullable: true).Description("What is tested and why.");
        Field<NonNullGraphType<ExperimentSubjectType>>("subject")
            .Description("OFFER or CONTENT.")
            .Resolve(ctx => ctx.Source.Subject);
        Field<NonNullGraphType<ExperimentStatusType>>("status")
            .Description("DRAFT, RUNNING or STOPPED.")
            .Resolve(ctx => ctx.Source.Status);
        Field(e => e.HoldoutShare).Description("Share of customers (0 to 0.5) set aside with no variant at all.");
        Field(e => e.AttributionWindowDays)
            .Description(
                "Days after a customer's exposure during which their orders "
                    + "count for revenue and orders per exposed customer."
            );
        Field<NonNullGraphType<ExperimentAllocationType>>("allocation")
            .Description("FIXED (hash and weights) or THOMPSON_SAMPLING (bandit after the burn-in).")
            .Resolve(ctx => ctx.Source.Allocation);
        Field(e => e.BurnInExposures)
            .Description("THOMPSON_SAMPLING: exposures split by weight before the bandit allocates.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperimentVariantType>>>>("variants")
            .Description("The arms, the control first.")
            .Resolve(ctx => ctx.Source.Variants.OrderBy(v => !v.IsControl).ThenBy(v => v.Key, StringComparer.Ordinal));
        Field(e => e.CreatedAt).Description("When the experiment was created.");
        Field(e => e.StartedAt, nullable: true).Description("When it started assigning customers.");
        Field(e => e.StoppedAt, nullable: true).Description("When it stopped.");
        Field<NonNullGraphType<ExperimentResultsType>>("results")
            .Description(
                "Exposures, conversions, revenue, orders and guardrails per arm against the control, the "
                    + "CUPED variance reductions, the sample-ratio check and the decision, computed now from the "
                    + "logged events."
            )
            .Argument<ExperimentAnalysisType>(
                "analysis",
                "Which inference `pValue`, `lower` and `upper` show "
                    + "(default SEQUENTIAL, valid however often the report is read).",
                a => a.DefaultValue = ExperimentAnalysisKind.Sequential
            )
            .Resolve(ctx =>
                ctx.Loaders()
                    .ResultsOf(ctx.Source)
                    .Then(r => r!.Showing(ctx.GetArgument("analysis", ExperimentAnalysisKind.Sequential)))
            );
    }
}
