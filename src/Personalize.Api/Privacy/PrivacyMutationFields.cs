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
        mutation
            .Field<NonNullGraphType<PayloadType<CustomerType, Customer>>>("setConsent")
            .Description(
                "Records the customer's consent to personalization and/or marketing emails, with an audit entry."
            )
            .Argument<NonNullGraphType<SetConsentInputType>>("input", "The customer and the consents to set.")
            .ResolveAsync(async ctx =>
                await ctx.Service<PrivacyService>()
                    .SetConsentAsync(
                        ctx.GetArgument<SetConsentInput>("input"),
                        Caller.NameOf(ctx.User),
                        ctx.CancellationToken
                    )
            );

        mutation
            .Field<NonNullGraphType<PayloadType<ErasureType, Erasure>>>("eraseCustomer")
            .Description(
                "Erases the customer's personal data (GDPR art. 17): name, email, locale, survey comments "
                    + "and interactions are removed, the scores leave the cache, and nothing of the customer trains "
                    + "recommenders any more. Order totals stay, attached to the anonymised customer `erased-{n}`. "
                    + "Idempotent: erasing the same id again reports the first erasure."
            )
            .Argument<NonNullGraphType<IdGraphType>>("id", "The caller's own customer id.")
            .ResolveAsync(async ctx =>
                await ctx.Service<PrivacyService>()
                    .EraseAsync(ctx.GetArgument<string>("id"), Caller.NameOf(ctx.User), ctx.CancellationToken)
            );
    }
}
