using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Offers;

namespace Personalize.Api.Offers;

/// <summary>The offers feature's batch loaders.</summary>
public static class OfferLoaders
{
    /// <summary>An offer by its code; null when unknown.</summary>
    public static Result<Offer?> OfferById(this BatchLoaders loaders, string code) =>
        loaders
            .Get<string, Offer>("offer-by-id", (codes, ct) => loaders.Service<OfferQueries>().ByCodesAsync(codes, ct))
            .Load(code);

    /// <summary>An offer by its stored id.</summary>
    public static Result<Offer?> OfferByKey(this BatchLoaders loaders, long key) =>
        loaders
            .Get<long, Offer>("offer-by-key", (keys, ct) => loaders.Service<OfferQueries>().ByIdsAsync(keys, ct))
            .Load(key);

    /// <summary>An assignment by its redemption code (any case); null when unknown.</summary>
    public static Result<OfferAssignment?> AssignmentByCode(this BatchLoaders loaders, string code) =>
        loaders
            .Get<string, OfferAssignment>("offer-assignment-by-code", (codes, ct) =>
                loaders.Service<OfferAssignmentQueries>().ByCodesAsync(codes, ct)
            )
            .Load(code);

    /// <summary>The offers decided for a customer on a channel; customers asked alike are decided in one
    /// batch.</summary>
    public static Result<IReadOnlyList<OfferAssignment>> OffersFor(
        this BatchLoaders loaders,
        Customer customer,
        Channel channel,
        int first
    ) =>
        loaders
            .Get<Customer, IReadOnlyList<OfferAssignment>>(
                $"offers-for-customer({channel},{first})",
                async (customers, ct) =>
                {
                    var decided = await loaders
                        .Service<OfferDecisionService>()
                        .DecideAsync(customers, channel, first, ct);
                    return customers
                        .Distinct()
                        .ToDictionary(
                            c => c,
                            c => (IReadOnlyList<OfferAssignment>)decided[c.Id].Select(d => d.Assignment).ToList()
                        );
                }
            )
            .Load(customer)
            .Then(offers => offers ?? []);
}
