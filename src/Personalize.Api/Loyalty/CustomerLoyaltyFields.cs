using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Customers;

namespace Personalize.Api.Loyalty;

public static class CustomerLoyaltyFields
{
    public static void AddTo(ObjectGraphType<Customer> customer) =>
        customer
            .Field<NonNullGraphType<LoyaltyAccountType>>("loyalty")
            .Description("Loyalty points, tier and ledger now (batched over the page).")
            .Resolve(ctx => ctx.Loaders().LoyaltyAccountOf(ctx.Source.Id));
}
