using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Customers;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public sealed class OfferAssignmentType : ObjectGraphType<OfferAssignment>
{
    public OfferAssignmentType()
    {
        Name = "OfferAssignment";
        Description = "An offer given to one customer, with the code that redeems it. Decided once, then the same on every channel until it is redeemed or expires.";
        Field(a => a.Code).Description("The redemption code the customer enters at checkout (unique), e.g. K7QX-M2PA-9RTE.");
        Field<NonNullGraphType<OfferType>>("offer").Description("The offer.").Resolve(ctx => ctx.Source.Offer);
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own id of the customer who holds it.")
            .Resolve(ctx => ctx.Loaders()
                .Get<long, string>("OfferAssignment.customerId", (ids, ct) => ctx.Service<OfferAssignmentQueries>().CustomerIdsAsync(ids.ToList(), ct))
                .Load(ctx.Source.CustomerId));
        Field<NonNullGraphType<ChannelType>>("channel").Description("The channel it was first decided for.").Resolve(ctx => ctx.Source.Channel);
        Field(a => a.AssignedAt).Description("When it was given (UTC).");
        Field(a => a.ExpiresAt).Description("When the code stops working (UTC): the assignment period (Offers:AssignmentDays) or the offer's end, whichever is first.");
        Field<NonNullGraphType<LifecycleStageType>>("stage").Description("The customer's lifecycle stage when it was decided.").Resolve(ctx => ctx.Source.Stage);
        Field(a => a.CustomerValue).Description("The customer's value when it was decided: predicted CLV, or Offers:UnscoredCustomerValue for a customer not scored yet.");
        Field(a => a.RedeemProbability).Description("P(redeem) when it was decided: the configured prior for the stage and reward type, or the trained model's prediction.");
        Field(a => a.ExpectedNetValue).Description("P(redeem) × (incremental value − cost), where the incremental value is the stage's share (Offers:Stages:*:ValueShare) of the customer's value.");
        Field(a => a.Reason).Description("Why this offer: the stage strategy, P(redeem) and its source, and the expected net value computation.");
        Field(a => a.RedeemedAt, nullable: true).Description("When it was redeemed; null while it is not.");
        Field(a => a.CostCharged, nullable: true).Description("What the redemption charged to the offer's budget; null while not redeemed.");
    }
}

public static class CustomerOfferFields
{
    /// <summary>Customer.offers: batched over the whole page (one decision per page and channel).</summary>
    public static void AddTo(ObjectGraphType<Customer> customer)
    {
        customer.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferAssignmentType>>>>("offers")
            .Description("The offers to show this customer on a channel, best first: the open assignments they hold, then new ones decided by eligibility " +
                         "(stage, segments, CLV band, loyalty tier, country, channel, validity, consent, budget), caps (per customer, per rolling week across channels, " +
                         "cooldown after a redemption) and expected net value. Reading this field writes: a new decision is recorded as an assignment, so the code shown is the code that redeems and asking again, on any channel, returns the same codes.")
            .Argument<NonNullGraphType<ChannelType>>("channel", "Where the offers will be shown; EMAIL needs the customer's email-marketing consent.")
            .Argument<IntGraphType>("first", $"How many offers at most (0-{OfferDecisionService.MaxOffersPerCustomer}; default 3).", a => a.DefaultValue = 3)
            .Resolve(ctx => Load(ctx, ctx.Source, ctx.GetArgument<Personalize.Common.Channel>("channel"), ctx.GetArgument("first", 3)));
    }

    /// <summary>The customer's offers through one loader per channel and size, so a page is decided in one batch.</summary>
    public static Result<IReadOnlyList<OfferAssignment>> Load(IResolveFieldContext ctx, Customer customer, Personalize.Common.Channel channel, int first) =>
        ctx.Loaders()
            .Get<Customer, IReadOnlyList<OfferAssignment>>($"offers({channel},{first})", async (customers, ct) =>
            {
                var decided = await ctx.Service<OfferDecisionService>().DecideAsync(customers, channel, first, ct);
                return customers.Distinct().ToDictionary(c => c, c => (IReadOnlyList<OfferAssignment>)decided[c.Id].Select(d => d.Assignment).ToList());
            })
            .Load(customer)
            .Then(offers => offers ?? []);
}

public static class OfferAssignmentQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<OfferAssignmentType>("offerAssignment")
            .Description("An assignment by its redemption code (any case), e.g. to check a code at checkout; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("code", "The redemption code.")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, OfferAssignment>("offerAssignment", (codes, ct) => ctx.Service<OfferAssignmentQueries>().ByCodesAsync(codes.ToList(), ct))
                .Load(ctx.GetArgument<string>("code")));
}

public static class OfferAssignmentMutationFields
{
    public static void AddTo(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PayloadType<OfferAssignmentType, OfferAssignment>>>("redeemOffer")
            .Description("Redeems a code against a recorded order of the same customer and charges the offer's budget. Idempotent: the same code with the same order " +
                         "returns the same redemption and counts once. Errors: unknown code or order (NotFoundError), the order of another customer, an expired code " +
                         "(ValidationError), a code used with another order, the budget spent, the per-customer cap reached (ConflictError).")
            .Argument<NonNullGraphType<RedeemOfferInputType>>("input", "The code and the order.")
            .ResolveAsync(async ctx => await ctx.Service<OfferRedemptionService>().RedeemAsync(ctx.GetArgument<RedeemOfferInput>("input"), ctx.CancellationToken));
}

public sealed class RedeemOfferInputType : InputObjectGraphType<RedeemOfferInput>
{
    public RedeemOfferInputType()
    {
        Name = "RedeemOfferInput";
        Description = "A redemption: which code, on which order.";
        Field<NonNullGraphType<IdGraphType>>("code").Description("The redemption code of an assignment (any case).");
        Field<NonNullGraphType<IdGraphType>>("orderId").Description("The order it is redeemed on; record the order first with `recordOrder`.");
        Field(i => i.Source, nullable: true).Description("The system the order comes from (default \"default\"), as given to `recordOrder`.");
    }
}
