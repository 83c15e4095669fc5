using GraphQL.Builders;
using GraphQL.Types;
using Personalize.Access;

namespace Personalize.Api.Security;

/// <summary>
/// Scopes as metadata on fields, arguments' input fields included. <see cref="ScopeRule"/> checks the whole document
/// against them before anything runs; a field without scopes of its own is open to whoever may reach its parent.
/// </summary>
public static class FieldScopes
{
    public const string MetadataKey = "scopes";
    public const string ForbiddenCode = "FORBIDDEN";

    public static FieldBuilder<TSource, TReturn> RequireScopes<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field,
        params string[] scopes
    )
    {
        field.FieldType.RequireScopes(scopes);
        return field;
    }

    /// <summary>Only callers holding one of <paramref name="scopes"/> (or admin) may select, or set, this
    /// field.</summary>
    public static FieldType RequireScopes(this FieldType field, params string[] scopes)
    {
        if (scopes.Any(s => !Scopes.All.Contains(s)))
            throw new ArgumentException($"Unknown scope in {string.Join(", ", scopes)}.", nameof(scopes));
        if (field.GetMetadata<string[]>(MetadataKey) is not null)
            throw new InvalidOperationException($"Field {field.Name} already has scopes.");
        field.Metadata[MetadataKey] = scopes.Append(Scopes.Admin).Distinct().ToArray();
        return field;
    }

    /// <summary>The scopes a field requires (admin included), or null when it has none of its own.</summary>
    public static IReadOnlyList<string>? Of(IFieldType field) => field.GetMetadata<string[]>(MetadataKey);
}
