using Personalize.Common;
using Personalize.Customers;

namespace Personalize.Api.Recommendations;

/// <summary>What a storefront asks once per page view: the customer (null when unknown), the stage the decisions used, and the decisions.</summary>
public sealed record Personalization(Customer Subject, string CustomerId, string Placement, Channel Channel, int First)
{
    public Customer? Customer => Subject.Id == 0 ? null : Subject;

    /// <summary>An id the store does not know yet: an anonymous prospect without consent, so non-personal decisions.</summary>
    public static Customer Unknown(string externalId) => new() { ExternalId = externalId, Stage = LifecycleStage.Prospect };
}
