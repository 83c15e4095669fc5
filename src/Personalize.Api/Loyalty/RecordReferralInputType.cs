using GraphQL.Types;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class RecordReferralInputType : InputObjectGraphType<RecordReferralInput>
{
    public RecordReferralInputType()
    {
        Name = "RecordReferralInput";
        Description = "A referral between two known customers.";
        Field<NonNullGraphType<IdGraphType>>("referrerId").Description("The customer who referred.");
        Field<NonNullGraphType<IdGraphType>>("refereeId")
            .Description("The customer who was referred (a different customer).");
    }
}
