using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Lifetime;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public sealed class ClvModelType : ObjectGraphType<ClvSnapshot>
{
    public ClvModelType()
    {
        Name = "ClvModel";
        Description = "The fitted CLV models of the latest `scores recompute`.";
        Field(s => s.AsOf).Description("The date the models were fitted as of.");
        Field(s => s.ComputedAt).Description("When the recompute ran.");
        Field<NonNullGraphType<ClvTimeUnitType>>("timeUnit")
            .Description("The unit of t_x, T and α (DAY or WEEK).")
            .Resolve(ctx => ctx.Source.TimeUnit);
        Field(s => s.CustomerCount).Description("Customers with at least one order as of the date.");
        Field(s => s.RepeatCustomerCount).Description("Customers with at least one repeat purchase.");
        Field<NonNullGraphType<ClvPurchaseModelType>>("purchaseModel")
            .Description("The purchase model in use, chosen by `selectionRule`.")
            .Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<SelectionRuleType>>("selectionRule")
            .Description("How the purchase model in use was chosen.")
            .Resolve(ctx => ctx.Source.SelectionRule);
        Field(s => s.SelectionReason).Description("Why it was chosen, in a sentence.");
        Field(s => s.HoldoutDays).Description("Days before the as-of date held out for the back-test.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClvModelCandidateType>>>>("candidates")
            .Description("Every purchase model considered, with its log-likelihood, BIC and back-test figures.")
            .Resolve(ctx => ctx.Source.CandidateList());
        Field<BgNbdType>("bgNbd")
            .Description(
                "The BG/NBD fit on the whole history (Fader, Hardie & Lee 2005), "
                    + "whether or not it is the model in use; null when it could not be fitted or was not a candidate."
            )
            .Resolve(ctx =>
                ctx.Source.CandidateList().FirstOrDefault(c => c.Kind == PurchaseModelKind.BgNbd && c.Usable)
            );
        Field<ClvRecomputeFailureType>("lastFailure")
            .Description(
                "The latest recompute after this snapshot that stored nothing because no model fitted (this "
                    + "snapshot stays in use); null when there is none."
            )
            .ResolveAsync(async ctx =>
                await ctx.Service<ClvModelStore>().FailureSinceCurrentAsync(ctx.CancellationToken)
            );
        Field<GammaGammaType>("gammaGamma")
            .Description("The spend model (Fader & Hardie 2013); null when too few repeat customers to fit it.")
            .Resolve(ctx => ctx.Source.P is null ? null : ctx.Source);
        Field(s => s.HorizonMonths).Description("Months of future purchases counted in predicted CLV.");
        Field(s => s.AnnualDiscountRate).Description("Annual discount rate of predicted CLV.");
        Field(s => s.LoyalClvThreshold).Description("Predicted CLV from which an active customer is LOYAL.");
        Field(s => s.DurationSeconds).Description("How long the recompute took.");
    }
}
