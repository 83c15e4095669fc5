using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class UniversalHoldoutComparisonType : ObjectGraphType<UniversalHoldoutComparison>
{
    public UniversalHoldoutComparisonType()
    {
        Name = "UniversalHoldoutComparison";
        Description =
            "The universal holdout (customers given no personalization, no offers and no experiment; "
            + "Experiments:UniversalHoldout:Share) against everyone else in scope: what the whole program adds.";
        Field(c => c.Share).Description("The configured share of customers held out.");
        Field<NonNullGraphType<HoldoutGroupType>>("holdout")
            .Description("The held-out customers.")
            .Resolve(ctx => ctx.Source.Holdout);
        Field<NonNullGraphType<HoldoutGroupType>>("personalized")
            .Description("Everyone else in scope.")
            .Resolve(ctx => ctx.Source.Personalized);
        Field<FloatGraphType>("revenuePerCustomerDifference")
            .Description(
                "Personalized − holdout revenue per customer; null while either side has fewer than two customers."
            )
            .Resolve(ctx => ctx.Source.RevenueDifference?.Difference);
        Field<FloatGraphType>("revenuePerCustomerLower")
            .Description("Lower end of the 95 % Welch interval of the difference.")
            .Resolve(ctx => ctx.Source.RevenueDifference?.Lower);
        Field<FloatGraphType>("revenuePerCustomerUpper")
            .Description("Upper end of the 95 % Welch interval of the difference.")
            .Resolve(ctx => ctx.Source.RevenueDifference?.Upper);
        Field<FloatGraphType>("revenuePerCustomerPValue")
            .Description("Two-sided p-value of Welch's t-test of the difference.")
            .Resolve(ctx => ctx.Source.RevenueDifference?.PValue);
        Field(c => c.RetentionDifference, nullable: true)
            .Description("Personalized − holdout retention rate; null when either is undefined.");
        Field(c => c.ClvDifference, nullable: true)
            .Description("Personalized − holdout mean predicted CLV; null when either side has no scored customer.");
    }
}
