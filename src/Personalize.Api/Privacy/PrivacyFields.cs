using GraphQL;
using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Api.Security;
using Personalize.Customers;
using Personalize.Privacy;

namespace Personalize.Api.Privacy;

public static class PrivacyMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<CustomerType, Customer>>>("setConsent")
            .Description("Records the customer's consent to personalization and/or marketing emails, with an audit entry.")
            .Argument<NonNullGraphType<SetConsentInputType>>("input", "The customer and the consents to set.")
            .ResolveAsync(async ctx => await ctx.Service<PrivacyService>().SetConsentAsync(
                ctx.GetArgument<SetConsentInput>("input"), Caller.NameOf(ctx.User), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<PayloadType<ErasureType, Erasure>>>("eraseCustomer")
            .Description("Erases the customer's personal data (GDPR art. 17): name, email, locale, survey comments and interactions are removed, the scores leave the cache, and nothing of the customer trains recommenders any more. Order totals stay, attached to the anonymised customer `erased-{n}`. Idempotent: erasing the same id again reports the first erasure.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The caller's own customer id.")
            .ResolveAsync(async ctx => await ctx.Service<PrivacyService>().EraseAsync(ctx.GetArgument<string>("id"), Caller.NameOf(ctx.User), ctx.CancellationToken));
    }
}

public static class PrivacyQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<CustomerExportType>("exportCustomer")
            .Description("Everything held about one customer (GDPR art. 15 and 20), as a JSON document; null when the id is unknown. Each export is audited.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The caller's own customer id.")
            .ResolveAsync(async ctx => await ctx.Service<PrivacyService>().ExportAsync(ctx.GetArgument<string>("id"), Caller.NameOf(ctx.User), ctx.CancellationToken));
    }
}

public sealed class SetConsentInputType : InputObjectGraphType<SetConsentInput>
{
    public SetConsentInputType()
    {
        Name = "SetConsentInput";
        Description = "A customer's consents; an absent consent keeps its stored value.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field(c => c.Personalization, nullable: true).Description("Whether the customer agrees to personalized content and offers.");
        Field(c => c.EmailMarketing, nullable: true).Description("Whether the customer agrees to marketing emails.");
    }
}

public sealed class ErasureType : ObjectGraphType<Erasure>
{
    public ErasureType()
    {
        Name = "Erasure";
        Description = "What an erasure did.";
        Field<NonNullGraphType<IdGraphType>>("anonymousId").Description("The id the anonymised customer keeps, `erased-{n}`.")
            .Resolve(ctx => PrivacyService.ErasedIdPrefix + ctx.Source.CustomerId);
        Field(e => e.ErasedAt).Description("When the personal data was erased (UTC).");
        Field(e => e.AlreadyErased).Description("True when an earlier request had already erased this customer; nothing changed now.");
        Field(e => e.InteractionsDeleted).Description("Interactions deleted.");
        Field(e => e.CommentsRemoved).Description("Survey comments removed (the scores stay, anonymised).");
    }
}

public sealed class CustomerExportType : ObjectGraphType<CustomerExport>
{
    public CustomerExportType()
    {
        Name = "CustomerExport";
        Description = "Everything held about one customer.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.").Resolve(ctx => ctx.Source.CustomerId);
        Field(e => e.GeneratedAt).Description("When the export was made (UTC).");
        Field(e => e.Json).Description("The customer, orders with lines, interactions, survey answers, stage history and privacy log, as a JSON document.");
    }
}
