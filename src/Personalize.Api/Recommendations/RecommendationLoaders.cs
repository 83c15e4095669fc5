using Personalize.Api.GraphQL;
using Personalize.Customers;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

/// <summary>The recommendations feature's batch loaders.</summary>
public static class RecommendationLoaders
{
    /// <summary>
    /// A customer's recommendations; customers asked with the same request are ranked in one call.
    /// </summary>
    /// <exception cref="Personalize.Querying.QueryException">The request is out of range (checked before it is
    /// queued).</exception>
    public static Result<IReadOnlyList<Recommendation>> RecommendationsFor(
        this BatchLoaders loaders,
        Customer customer,
        RecommendationRequest request
    )
    {
        var service = loaders.Service<RecommendationService>();
        service.Validate(request);
        var kinds = request.Kinds is null ? "" : string.Join('|', request.Kinds.Order());
        return loaders
            .Get<Customer, IReadOnlyList<Recommendation>>(
                $"recommendations({request.First},{request.Placement},{request.Channel},{kinds})",
                async (customers, ct) =>
                {
                    var lists = await service.RecommendAsync(customers, request, ct);
                    return customers.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => lists[x.i]);
                }
            )
            .Load(customer)
            .Then(list => list ?? []);
    }
}
