using GraphQL.Types;
using Personalize.Api.Experiments;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class OfferIncrementalityType : ObjectGraphType<OfferIncrementality>
{
    public OfferIncrementalityType()
    {
        Name = "OfferIncrementality";
        Description =
            "What an experiment arm showing an offer added per exposed customer: net value = revenue of the "
            + "customer's orders in the attribution "
            + "window after exposure − the rewards they redeemed in it, against customers shown no offer (the holdout, "
            + "or a control without an offer). "
            + "Fixed-horizon Welch 95 % interval on the customers exposed in the period; the experiment's own report "
            + "gives the sequential analysis.";
        Field<NonNullGraphType<ExperimentType>>("experiment")
            .Description("The experiment.")
            .Resolve(ctx => ctx.Source.Experiment);
        Field<NonNullGraphType<ExperimentVariantType>>("variant")
            .Description("The arm showing the offer.")
            .Resolve(ctx => ctx.Source.Variant);
        Field(i => i.AgainstHoldout)
            .Description(
                "True when the reference is the experiment's holdout; false when it "
                    + "is a control variant without an offer."
            );
        Field<NonNullGraphType<LongGraphType>>("customers")
            .Description("Exposed customers in the arm.")
            .Resolve(ctx => (long)ctx.Source.Arm.Count);
        Field<NonNullGraphType<LongGraphType>>("referenceCustomers")
            .Description("Exposed customers in the reference.")
            .Resolve(ctx => (long)ctx.Source.Reference.Count);
        Field<NonNullGraphType<FloatGraphType>>("valuePerCustomer")
            .Description("The arm's mean net value per customer.")
            .Resolve(ctx => ctx.Source.Arm.Mean);
        Field<NonNullGraphType<FloatGraphType>>("referenceValuePerCustomer")
            .Description("The reference's mean net value per customer.")
            .Resolve(ctx => ctx.Source.Reference.Mean);
        Field<FloatGraphType>("difference")
            .Description("Arm − reference per customer; null while either side has fewer than two customers.")
            .Resolve(ctx => ctx.Source.Difference?.Difference);
        Field<FloatGraphType>("lower")
            .Description("Lower end of the 95 % interval of the difference.")
            .Resolve(ctx => ctx.Source.Difference?.Lower);
        Field<FloatGraphType>("upper")
            .Description("Upper end of the 95 % interval of the difference.")
            .Resolve(ctx => ctx.Source.Difference?.Upper);
        Field<FloatGraphType>("pValue")
            .Description("Two-sided p-value of Welch's t-test of the difference.")
            .Resolve(ctx => ctx.Source.Difference?.PValue);
        Field(i => i.IncrementalValue, nullable: true)
            .Description("difference × customers: the net value the offer added over the arm's exposed customers.");
    }
}
