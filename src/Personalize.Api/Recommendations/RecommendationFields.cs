using GraphQL;
using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Personalization;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public static class RecommendationFields
{
    /// <summary>`Customer.recommendations`, batched across the page.</summary>
    public static void AddTo(CustomerType customer) =>
        customer
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendationType>>>>("recommendations")
            .Description(
                "Recommended content, best first: the customer's precomputed candidates (or, without "
                    + "personalization consent or history, non-personal lists) ranked under the placement's rules. "
                    + "Batched across a page of customers."
            )
            .Argument<IntGraphType>("first", "How many items (at most `Recommendations:MaxFirst`, 50).", a =>
                a.DefaultValue = 10
            )
            .Argument<StringGraphType>(
                "placement",
                "The placement's id: its pins, buries, exclusions and diversity "
                    + "limits apply. An unknown or absent placement has none."
            )
            .Argument<ChannelType>("channel", "Only items that may be shown on this channel; absent: any channel.")
            .Argument<ListGraphType<NonNullGraphType<ContentKindType>>>(
                "kinds",
                "Only items of these kinds; absent: every kind."
            )
            .Resolve(ctx =>
                Recommend(
                    ctx,
                    ctx.Source,
                    new RecommendationRequest(
                        ctx.GetArgument("first", 10),
                        ctx.GetArgument<string?>("placement"),
                        ctx.GetArgument<Channel?>("channel"),
                        ctx.GetArgument<List<ContentKind>?>("kinds")?.ToHashSet()
                    )
                )
            );

    /// <summary>A customer's recommendations, with a response warning when the placement does not exist.</summary>
    public static Result<IReadOnlyList<Recommendation>> Recommend(
        IResolveFieldContext ctx,
        Customer customer,
        RecommendationRequest request
    )
    {
        if (ctx.Service<PersonalizationNotes>().UnknownPlacement(request.Placement) is { } warning)
            ctx.Warn(warning);
        return ctx.Loaders().RecommendationsFor(customer, request);
    }
}
