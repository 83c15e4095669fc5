using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public sealed class OfferAssignmentType : ObjectGraphType<OfferAssignment>
{
    public OfferAssignmentType()
    {
        Name = "OfferAssignment";
        Description =
            "An offer given to one customer, with the code that redeems it. Decided once, then the same on "
            + "every channel until it is redeemed or expires.";
        Field(a => a.Code)
            .Description("The redemption code the customer enters at checkout (unique), e.g. K7QX-M2PA-9RTE.");
        Field<NonNullGraphType<OfferType>>("offer").Description("The offer.").Resolve(ctx => ctx.Source.Offer);
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own id of the customer who holds it.")
            .Resolve(ctx => ctx.Loaders().ExternalIdOf(ctx.Source.CustomerId));
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("The channel it was first decided for.")
            .Resolve(ctx => ctx.Source.Channel);
        Field(a => a.AssignedAt).Description("When it was given (UTC).");
        Field(a => a.ExpiresAt)
            .Description(
                "When the code stops working (UTC): the assignment period "
                    + "(Offers:AssignmentDays) or the offer's end, whichever is first."
            );
        Field<NonNullGraphType<LifecycleStageType>>("stage")
            .Description("The customer's lifecycle stage when it was decided.")
            .Resolve(ctx => ctx.Source.Stage);
        Field(a => a.CustomerValue)
            .Description(
                "The customer's value when it was decided: predicted CLV, or "
                    + "Offers:UnscoredCustomerValue for a customer not scored yet."
            );
        Field(a => a.RedeemProbability)
            .Description(
                "P(redeem) when it was decided: the configured prior for the "
                    + "stage and reward type, or the trained model's prediction."
            );
        Field(a => a.ExpectedNetValue)
            .Description(
                "P(redeem) × (incremental value − cost), where the incremental "
                    + "value is the stage's share (Offers:Stages:*:ValueShare) of the customer's value."
            );
        Field(a => a.Reason)
            .Description(
                "Why this offer: the stage strategy, P(redeem) and its source, and the expected net value computation."
            );
        Field(a => a.RedeemedAt, nullable: true).Description("When it was redeemed; null while it is not.");
        Field(a => a.CostCharged, nullable: true)
            .Description("What the redemption charged to the offer's budget; null while not redeemed.");
    }
}
