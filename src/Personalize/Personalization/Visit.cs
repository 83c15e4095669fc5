using Personalize.Common;
using Personalize.Customers;
using Personalize.Recommendations.Serving;

namespace Personalize.Personalization;

/// <summary>
/// A storefront's one call per page view: who (the customer, or an anonymous prospect for an id the store does not
/// know yet), where (placement and channel) and how many recommendations.
/// </summary>
public sealed record Visit(Customer Subject, string CustomerId, string Placement, Channel Channel, int First)
{
    /// <summary>The customer; null when the id is unknown.</summary>
    public Customer? Customer => Subject.Id == 0 ? null : Subject;

    /// <summary>What to recommend for this visit.</summary>
    public RecommendationRequest Recommendations => new(First, Placement, Channel);

    /// <summary>A visit of a known customer, or of an anonymous prospect without consent (non-personal
    /// decisions).</summary>
    public static Visit Of(Customer? customer, string customerId, string placement, Channel channel, int first) =>
        new(
            customer ?? new Customer { ExternalId = customerId, Stage = LifecycleStage.Prospect },
            customerId,
            placement,
            channel,
            first
        );
}
