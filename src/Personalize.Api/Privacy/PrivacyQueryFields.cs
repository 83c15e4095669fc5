using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Security;
using Personalize.Privacy;

namespace Personalize.Api.Privacy;

public static class PrivacyQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<CustomerExportType>("exportCustomer")
            .Description(
                "Everything held about one customer (GDPR art. 15 and 20), as a JSON document; null when the "
                    + "id is unknown. Each export is audited."
            )
            .Argument<NonNullGraphType<IdGraphType>>("id", "The caller's own customer id.")
            .ResolveAsync(async ctx =>
                await ctx.Service<PrivacyService>()
                    .ExportAsync(ctx.GetArgument<string>("id"), Caller.NameOf(ctx.User), ctx.CancellationToken)
            );
    }
}
