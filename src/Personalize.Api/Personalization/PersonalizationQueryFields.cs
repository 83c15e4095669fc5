using GraphQL;
using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Personalization;

namespace Personalize.Api.Personalization;

public static class PersonalizationQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query
            .Field<NonNullGraphType<PersonalizationType>>("personalize")
            .Description(
                "One call per page view: the customer's stage and recommended content for a placement and "
                    + "channel. An unknown customer id gets the decisions for an anonymous prospect, never an error."
            )
            .Argument<NonNullGraphType<IdGraphType>>("customerId", "The caller's own customer id.")
            .Argument<NonNullGraphType<StringGraphType>>("placement", "The placement's id, e.g. \"home-hero\".")
            .Argument<NonNullGraphType<ChannelType>>("channel", "Where the decisions will be shown.")
            .Argument<IntGraphType>("first", "How many recommendations (at most 50).", a => a.DefaultValue = 10)
            .Resolve(ctx =>
                ctx.Loaders()
                    .CustomerById(ctx.GetArgument<string>("customerId"))
                    .Then(customer =>
                        Visit.Of(
                            customer,
                            ctx.GetArgument<string>("customerId"),
                            ctx.GetArgument<string>("placement"),
                            ctx.GetArgument<Channel>("channel"),
                            ctx.GetArgument("first", 10)
                        )
                    )
            );
}
