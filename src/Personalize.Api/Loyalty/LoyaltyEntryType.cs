using GraphQL.Types;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class LoyaltyEntryType : ObjectGraphType<LoyaltyLine>
{
    public LoyaltyEntryType()
    {
        Name = "LoyaltyEntry";
        Description = "One line of the points ledger.";
        Field<NonNullGraphType<LoyaltyEntryKindType>>("kind")
            .Description("What moved the points.")
            .Resolve(ctx => ctx.Source.Kind);
        Field(l => l.Points).Description("Points credited (positive) or debited (negative).");
        Field(l => l.OccurredAt).Description("When (UTC); for expiry, when the points expired.");
        Field(l => l.Description, nullable: true).Description("What it was for.");
        Field(l => l.BalanceAfter).Description("The balance after this line.");
    }
}
