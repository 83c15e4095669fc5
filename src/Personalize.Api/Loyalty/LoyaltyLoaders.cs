using Personalize.Api.GraphQL;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

/// <summary>The loyalty feature's batch loaders.</summary>
public static class LoyaltyLoaders
{
    /// <summary>A customer's points, tier and ledger now.</summary>
    public static Result<LoyaltyAccount?> LoyaltyAccountOf(this BatchLoaders loaders, long customerId) =>
        loaders
            .Get<long, LoyaltyAccount>("loyalty-account", (ids, ct) =>
                loaders.Service<LoyaltyService>().AccountsAsync(ids, ct)
            )
            .Load(customerId);
}
