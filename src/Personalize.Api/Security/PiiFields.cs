using GraphQL;
using GraphQL.Types;
using Personalize.Customers;
using static Personalize.Access.Scopes;

namespace Personalize.Api.Security;

/// <summary>
/// Personal data: a customer's email address and name. Only the email scope (to address a send) and admin may read
/// them, or filter and sort by them — a filter like `email: { startsWith: "a" }` would otherwise reveal them bit by bit.
/// </summary>
public static class PiiFields
{
    public static readonly string[] AllowedScopes = [Email];
    public static readonly string[] CustomerFields = ["email", "name"];
    private static readonly string[] CustomerInputTypes = [CustomerQueries.Filter.TypeName, CustomerQueries.Sort.TypeName];

    /// <summary>Refuses a customer filter or sort on PII to callers without <see cref="AllowedScopes"/>.</summary>
    public static void GuardArguments(FieldType field) => field.ApplyMiddleware(next => context =>
    {
        if (context.Arguments is { Count: > 0 } arguments && !Caller.HasAny(context.User, AllowedScopes))
            foreach (var argument in context.FieldDefinition.Arguments ?? [])
                if (CustomerInputTypes.Contains(argument.ResolvedType?.GetNamedType().Name)
                    && arguments.TryGetValue(argument.Name, out var value) && MentionsPii(value.Value))
                    throw new ExecutionError($"`{argument.Name}` filters or sorts on {string.Join("/", CustomerFields)}, which needs the scope {string.Join(" or ", AllowedScopes.Append(Admin))}.")
                        { Code = FieldScopes.ForbiddenCode };
        return next(context);
    });

    private static bool MentionsPii(object? value) => value switch
    {
        IDictionary<string, object?> map => map.Any(e => CustomerFields.Contains(e.Key) || MentionsPii(e.Value)),
        System.Collections.IEnumerable list and not string => list.Cast<object?>().Any(MentionsPii),
        _ => false,
    };
}
