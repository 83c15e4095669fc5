using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentInputType : InputObjectGraphType<ExperimentInput>
{
    public ExperimentInputType()
    {
        Name = "ExperimentInput";
        Description = "An experiment's fields; on update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The experiment's id: a slug, e.g. `winback-10-vs-20`. It salts the assignment hash.");
        Field(e => e.Name, nullable: true).Description("Name (required on create).");
        Field(e => e.Description, nullable: true).Description("What is tested and why (at most 2000 characters).");
        Field<ExperimentSubjectType>("subject").Description("OFFER or CONTENT (required on create).");
        Field(e => e.HoldoutShare, nullable: true)
            .Description("Share of customers (0 to 0.5) shown nothing; default 0.");
        Field<ListGraphType<NonNullGraphType<VariantInputType>>>("variants")
            .Description("2 to 10 arms, exactly one the control (required on create).");
        Field(e => e.AttributionWindowDays, nullable: true)
            .Description(
                $"Days (1-{ExperimentService.MaxAttributionWindowDays}) after exposure during which orders count; "
                    + $"default {ExperimentService.DefaultAttributionWindowDays}. Only in DRAFT."
            );
        Field<ExperimentAllocationType>("allocation")
            .Description("FIXED (default) or THOMPSON_SAMPLING. Only in DRAFT.");
        Field(e => e.BurnInExposures, nullable: true)
            .Description(
                "THOMPSON_SAMPLING: exposures split by weight before the bandit allocates (default 0). Only in DRAFT."
            );
    }
}
