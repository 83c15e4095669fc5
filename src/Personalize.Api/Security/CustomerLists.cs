using static Personalize.Access.Scopes;

namespace Personalize.Api.Security;

/// <summary>
/// Listing customers — any connection or list of customers, nested or not, its `totalCount` included — needs one of
/// these scopes. A storefront knows its customer's id and never lists.
/// </summary>
public static class CustomerLists
{
    public static readonly string[] AllowedScopes = [Email, Analytics];
}
