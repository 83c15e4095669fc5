using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Personalize.Access;

namespace Personalize.Api.Security;

/// <summary>
/// Scopes on fields. A field marked with <see cref="RequireScopes(FieldType, string[])"/> resolves only for callers
/// holding one of its scopes (admin holds them all); for others it is null with a FORBIDDEN error at its path, and the
/// rest of the response still comes back. Unmarked fields below the root are open to whoever could reach their parent.
/// </summary>
public static class FieldScopes
{
    public const string MetadataKey = "scopes";
    public const string ForbiddenCode = "FORBIDDEN";

    public static FieldBuilder<TSource, TReturn> RequireScopes<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] scopes)
    {
        field.FieldType.RequireScopes(scopes);
        return field;
    }

    public static FieldType RequireScopes(this FieldType field, params string[] scopes)
    {
        if (scopes.Any(s => !Scopes.All.Contains(s))) throw new ArgumentException($"Unknown scope in {string.Join(", ", scopes)}.", nameof(scopes));
        if (field.GetMetadata<string[]>(MetadataKey) is not null) throw new InvalidOperationException($"Field {field.Name} already has scopes.");
        var allowed = scopes.Append(Scopes.Admin).Distinct().ToArray();
        field.Metadata[MetadataKey] = allowed;
        field.ApplyMiddleware(next => context =>
            Caller.HasAny(context.User, allowed)
                ? next(context)
                : throw new ExecutionError($"`{field.Name}` needs the scope {string.Join(" or ", allowed)}; this caller has {Describe(context)}.") { Code = ForbiddenCode });
        return field;
    }

    /// <summary>The scopes a field requires (admin included), or null when it has none of its own.</summary>
    public static IReadOnlyList<string>? Of(FieldType field) => field.GetMetadata<string[]>(MetadataKey);

    private static string Describe(IResolveFieldContext context) =>
        Caller.ScopesOf(context.User) is { Count: > 0 } held ? string.Join(", ", held.Order()) : "no scope";
}
