using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public static class CustomerOfferFields
{
    /// <summary>Customer.offers: batched over the whole page (one decision per page and channel).</summary>
    public static void AddTo(ObjectGraphType<Customer> customer)
    {
        customer
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferAssignmentType>>>>("offers")
            .Description(
                "The offers to show this customer on a channel, best first: the open assignments they hold, "
                    + "then new ones decided by eligibility "
                    + "(stage, segments, CLV band, loyalty tier, country, channel, validity, consent, budget), "
                    + "caps (per customer, per rolling week across channels, "
                    + "cooldown after a redemption) and expected net value. Reading this field writes: a new "
                    + "decision is recorded as an assignment, so the code shown is the code that redeems and "
                    + "asking again, on any channel, returns the same codes."
            )
            .Argument<NonNullGraphType<ChannelType>>(
                "channel",
                "Where the offers will be shown; EMAIL needs the customer's email-marketing consent."
            )
            .Argument<IntGraphType>(
                "first",
                $"How many offers at most (0-{OfferDecisionService.MaxOffersPerCustomer}; default 3).",
                a => a.DefaultValue = 3
            )
            .Resolve(ctx =>
                ctx.Loaders().OffersFor(ctx.Source, ctx.GetArgument<Channel>("channel"), ctx.GetArgument("first", 3))
            );
    }
}
