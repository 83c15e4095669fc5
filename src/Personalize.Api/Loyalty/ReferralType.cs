using GraphQL.Types;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class ReferralType : ObjectGraphType<Referral>
{
    public ReferralType()
    {
        Name = "Referral";
        Description = "A referral rewarded on both sides.";
        Field<NonNullGraphType<LoyaltyAccountType>>("referrer")
            .Description("The account of the customer who referred.")
            .Resolve(ctx => ctx.Source.Referrer);
        Field<NonNullGraphType<LoyaltyAccountType>>("referee")
            .Description("The account of the customer who was referred.")
            .Resolve(ctx => ctx.Source.Referee);
    }
}
