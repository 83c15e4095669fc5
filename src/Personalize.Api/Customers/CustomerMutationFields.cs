using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Customers;

namespace Personalize.Api.Customers;

public static class CustomerMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<CustomerType, Customer>>>("upsertCustomer")
            .Description("Creates the customer, or updates the fields given (others keep their values).")
            .Argument<NonNullGraphType<UpsertCustomerInputType>>("input", "The customer's id and the fields to set.")
            .ResolveAsync(async ctx =>
                await ctx.Service<CustomerService>()
                    .UpsertAsync(ctx.GetArgument<UpsertCustomerInput>("input"), ctx.CancellationToken)
            );
    }
}
