using GraphQL.Types;
using Personalize.Privacy;

namespace Personalize.Api.Privacy;

public sealed class ErasureType : ObjectGraphType<Erasure>
{
    public ErasureType()
    {
        Name = "Erasure";
        Description = "What an erasure did.";
        Field<NonNullGraphType<IdGraphType>>("anonymousId")
            .Description("The id the anonymised customer keeps, `erased-{n}`.")
            .Resolve(ctx => PrivacyService.ErasedIdPrefix + ctx.Source.CustomerId);
        Field(e => e.ErasedAt).Description("When the personal data was erased (UTC).");
        Field(e => e.AlreadyErased)
            .Description("True when an earlier request had already erased this customer; nothing changed now.");
        Field(e => e.InteractionsDeleted).Description("Interactions deleted.");
        Field(e => e.CommentsRemoved).Description("Survey comments removed (the scores stay, anonymised).");
    }
}
