using Personalize.Api.GraphQL;
using Personalize.Customers;

namespace Personalize.Api.Customers;

/// <summary>The customers feature's batch loaders.</summary>
public static class CustomerLoaders
{
    /// <summary>A customer by the caller's id, through the near cache; null when unknown.</summary>
    public static Result<Customer?> CustomerById(this BatchLoaders loaders, string id) =>
        loaders
            .Get<string, Customer>("customer-by-id", (ids, ct) =>
                loaders.Service<CustomerQueries>().ByExternalIdsAsync(ids, ct)
            )
            .Load(id);

    /// <summary>The caller's id of a customer known by the stored id.</summary>
    public static Result<string?> ExternalIdOf(this BatchLoaders loaders, long customerId) =>
        loaders
            .Get<long, string>("customer-external-id", (ids, ct) =>
                loaders.Service<CustomerQueries>().ExternalIdsAsync(ids, ct)
            )
            .Load(customerId);
}
