using GraphQL.Types;
using Personalize.Customers;
using static Personalize.Access.Scopes;

namespace Personalize.Api.Security;

/// <summary>
/// Personal data: a customer's email address and name. Only the email scope (to address a send) and admin may read
/// them, or filter and sort by them anywhere — a filter like `email: { startsWith: "a" }` would otherwise reveal them
/// bit by bit, even through a count.
/// </summary>
public static class PiiFields
{
    public static readonly string[] AllowedScopes = [Email];
    public static readonly string[] CustomerFields = ["email", "name"];
    public static readonly string[] CustomerInputTypes =
    [
        CustomerQueries.Filter.TypeName,
        CustomerQueries.Sort.TypeName,
    ];

    /// <summary>Puts the PII fields of the customer filter and sort inputs under <see cref="AllowedScopes"/>.</summary>
    public static void GuardInputs(IEnumerable<IGraphType> types)
    {
        foreach (var input in types.OfType<IInputObjectGraphType>().Where(t => CustomerInputTypes.Contains(t.Name)))
        foreach (var field in input.Fields.Where(f => CustomerFields.Contains(f.Name)))
            field.RequireScopes(AllowedScopes);
    }
}
