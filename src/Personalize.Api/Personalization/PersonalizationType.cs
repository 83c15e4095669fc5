using GraphQL;
using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Api.Offers;
using Personalize.Api.Recommendations;
using Personalize.Offers;
using Personalize.Personalization;

namespace Personalize.Api.Personalization;

public sealed class PersonalizationType : ObjectGraphType<Visit>
{
    public PersonalizationType()
    {
        Name = "Personalization";
        Description = "Everything a storefront shows one customer in one placement and channel, decided in one call.";
        Field<CustomerType>("customer")
            .Description(
                "The customer; null when the id is unknown (the decisions are then those for an anonymous prospect)."
            )
            .Resolve(ctx => ctx.Source.Customer);
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The customer id asked for.")
            .Resolve(ctx => ctx.Source.CustomerId);
        Field<NonNullGraphType<LifecycleStageType>>("stage")
            .Description("The lifecycle stage the decisions were made for (PROSPECT for an unknown id).")
            .Resolve(ctx => ctx.Source.Subject.Stage);
        Field(p => p.Placement).Description("The placement asked for.");
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("The channel asked for.")
            .Resolve(ctx => ctx.Source.Channel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendationType>>>>("recommendations")
            .Description("Recommended content for the placement and channel, best first (`first` items at most).")
            .Resolve(ctx => RecommendationFields.Recommend(ctx, ctx.Source.Subject, ctx.Source.Recommendations));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notes")
            .Description(
                "Why the answer may not be what was asked, in sentences: a placement id that does not exist "
                    + "(a typo gets no pins or limits), fewer recommendations than `first` (how many items were valid "
                    + "after the rules)."
            )
            .Resolve(ctx =>
                RecommendationFields
                    .Recommend(ctx, ctx.Source.Subject, ctx.Source.Recommendations)
                    .Then(list => ctx.Service<PersonalizationNotes>().For(ctx.Source, list.Count))
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferAssignmentType>>>>("offers")
            .Description(
                "The offers to show on the channel, best first, decided exactly as `Customer.offers`; empty "
                    + "for an unknown customer (an offer is assigned to someone)."
            )
            .Argument<IntGraphType>(
                "first",
                $"How many offers at most (0-{OfferDecisionService.MaxOffersPerCustomer}; default 3).",
                a => a.DefaultValue = 3
            )
            .Resolve(ctx =>
                ctx.Source.Customer is { } customer
                    ? ctx.Loaders().OffersFor(customer, ctx.Source.Channel, ctx.GetArgument("first", 3))
                    : (object)Array.Empty<OfferAssignment>()
            );
    }
}
