using GraphQL.Types;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class RedeemPointsInputType : InputObjectGraphType<RedeemPointsInput>
{
    public RedeemPointsInputType()
    {
        Name = "RedeemPointsInput";
        Description = "Points to spend on a reward.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field(i => i.Points).Description("How many points (at least 1, at most the balance).");
        Field<NonNullGraphType<IdGraphType>>("idempotencyKey")
            .Description("Unique per spend: a retried request with the same key spends once.");
        Field(i => i.Description, nullable: true)
            .Description("What the points buy, shown in the ledger (at most 300 characters).");
    }
}
