using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Interactions;

namespace Personalize.Api.Interactions;

public sealed class InteractionKindType : EnumerationGraphType<InteractionKind>
{
    public InteractionKindType()
    {
        Name = "InteractionKind";
        Description = "What a customer did with a content item.";
    }
}

public sealed class InteractionType : ObjectGraphType<Interaction>
{
    public InteractionType()
    {
        Name = "Interaction";
        Description = "One thing a customer did with a content item.";
        Field<NonNullGraphType<InteractionKindType>>("kind").Description("What the customer did.").Resolve(ctx => ctx.Source.Kind);
        Field(i => i.OccurredAt).Description("When it happened (UTC).");
        Field(i => i.Weight, nullable: true).Description("The signal's strength, when the caller gave one.");
    }
}

public static class InteractionMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<InteractionType, Interaction>>>("trackInteraction")
            .Description("Records what a customer did with a content item. With an idempotency key, a retried request is stored once. An unknown customer is created with the id alone; an unknown item is a NotFoundError.")
            .Argument<NonNullGraphType<TrackInteractionInputType>>("input", "The interaction.")
            .ResolveAsync(async ctx => await ctx.Service<InteractionService>().TrackAsync(ctx.GetArgument<TrackInteractionInput>("input"), ctx.CancellationToken));
    }
}

public sealed class TrackInteractionInputType : InputObjectGraphType<TrackInteractionInput>
{
    public TrackInteractionInputType()
    {
        Name = "TrackInteractionInput";
        Description = "An interaction to record.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field<NonNullGraphType<IdGraphType>>("itemId").Description("The content item's id.");
        Field<NonNullGraphType<InteractionKindType>>("kind").Description("What the customer did.");
        Field(i => i.OccurredAt, nullable: true).Description("When it happened (default: now; not in the future).");
        Field(i => i.Weight, nullable: true).Description("The signal's strength, -100 to 100 (default: by kind).");
        Field(i => i.IdempotencyKey, nullable: true).Description("A key unique to this interaction; a retry with the same key is stored once.");
    }
}
