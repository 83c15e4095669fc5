using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Customers;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public static class CustomerLoyaltyFields
{
    public static void AddTo(ObjectGraphType<Customer> customer) =>
        customer.Field<NonNullGraphType<LoyaltyAccountType>>("loyalty")
            .Description("Loyalty points, tier and ledger now (batched over the page).")
            .Resolve(ctx => ctx.Loaders()
                .Get<long, LoyaltyAccount>("Customer.loyalty", (ids, ct) => ctx.Service<LoyaltyService>().AccountsAsync(ids.ToList(), ct))
                .Load(ctx.Source.Id));
}
