using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Interactions;

namespace Personalize.Api.Interactions;

public static class InteractionMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<InteractionType, Interaction>>>("trackInteraction")
            .Description(
                "Records what a customer did with a content item. With an idempotency key, a retried request "
                    + "is stored once. An unknown customer is created with the id alone; an unknown item is a "
                    + "NotFoundError."
            )
            .Argument<NonNullGraphType<TrackInteractionInputType>>("input", "The interaction.")
            .ResolveAsync(async ctx =>
                await ctx.Service<InteractionService>()
                    .TrackAsync(ctx.GetArgument<TrackInteractionInput>("input"), ctx.CancellationToken)
            );
    }
}
