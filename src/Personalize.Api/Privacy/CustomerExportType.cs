using GraphQL.Types;
using Personalize.Privacy;

namespace Personalize.Api.Privacy;

public sealed class CustomerExportType : ObjectGraphType<CustomerExport>
{
    public CustomerExportType()
    {
        Name = "CustomerExport";
        Description = "Everything held about one customer.";
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own customer id.")
            .Resolve(ctx => ctx.Source.CustomerId);
        Field(e => e.GeneratedAt).Description("When the export was made (UTC).");
        Field(e => e.Json)
            .Description(
                "The customer, orders with lines, interactions, survey answers, stage history "
                    + "and privacy log, as a JSON document."
            );
    }
}
