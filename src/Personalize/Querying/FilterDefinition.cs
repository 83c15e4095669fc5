using System.Linq.Expressions;

namespace Personalize.Querying;

public enum FilterFieldKind
{
    /// <summary>eq, neq, in, nin, contains, startsWith, endsWith, with a case mode.</summary>
    String,

    /// <summary>eq, neq, in, nin, gt, gte, lt, lte (numbers and dates).</summary>
    Comparable,

    /// <summary>eq, neq.</summary>
    Boolean,

    /// <summary>eq, neq, in, nin.</summary>
    Enum,

    /// <summary>A set of enum values stored as a bit mask: some, none, all (each with eq, neq, in, nin), any.</summary>
    EnumSet,

    /// <summary>A list of strings: some, none, all (each with the string operations), any.</summary>
    StringList,
}

/// <summary>One filterable field: its GraphQL name and the entity expression it reads.</summary>
/// <param name="ValueType">The (non-nullable) type of one value: string, int, decimal, DateTime, an enum...</param>
/// <param name="ElementSelector">For <see cref="FilterFieldKind.StringList"/>: the string of one list element.</param>
public sealed record FilterField(
    string Name,
    string Description,
    FilterFieldKind Kind,
    Type ValueType,
    LambdaExpression Selector,
    LambdaExpression? ElementSelector = null
);

/// <summary>
/// The filterable fields of an entity, declared once. The GraphQL `where:` input type is generated from it, and
/// <see cref="ToPredicate"/> turns a `where:` value (from a request or from a stored segment rule) into a predicate
/// that EF Core translates to SQL.
/// </summary>
public sealed class FilterDefinition<T>(string typeName, string description)
{
    private readonly List<FilterField> _fields = [];

    public string TypeName { get; } = typeName;
    public string Description { get; } = description;
    public IReadOnlyList<FilterField> Fields => _fields;

    public FilterDefinition<T> String(string name, Expression<Func<T, string?>> selector, string description) =>
        Add(new(name, description, FilterFieldKind.String, typeof(string), selector));

    public FilterDefinition<T> Comparable<TValue>(
        string name,
        Expression<Func<T, TValue>> selector,
        string description
    ) =>
        Add(
            new(
                name,
                description,
                FilterFieldKind.Comparable,
                Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue),
                selector
            )
        );

    public FilterDefinition<T> Boolean(string name, Expression<Func<T, bool>> selector, string description) =>
        Add(new(name, description, FilterFieldKind.Boolean, typeof(bool), selector));

    public FilterDefinition<T> Enum<TEnum>(string name, Expression<Func<T, TEnum>> selector, string description)
        where TEnum : struct, Enum => Add(new(name, description, FilterFieldKind.Enum, typeof(TEnum), selector));

    /// <param name="selector">The bit-mask property; bit n stands for the element enum value n.</param>
    public FilterDefinition<T> EnumSet<TElement, TFlags>(
        string name,
        Expression<Func<T, TFlags>> selector,
        string description
    )
        where TElement : struct, Enum
        where TFlags : struct, Enum => Add(new(name, description, FilterFieldKind.EnumSet, typeof(TElement), selector));

    public FilterDefinition<T> StringList<TElement>(
        string name,
        Expression<Func<T, IEnumerable<TElement>>> selector,
        Expression<Func<TElement, string>> element,
        string description
    ) => Add(new(name, description, FilterFieldKind.StringList, typeof(string), selector, element));

    private FilterDefinition<T> Add(FilterField field)
    {
        _fields.Add(field);
        return this;
    }

    /// <summary>The predicate for a `where:` value; null or empty means every row.</summary> <exception
    /// cref="QueryException">An unknown field or operation, or a value of the wrong type; the path names
    /// it.</exception>
    public Expression<Func<T, bool>> ToPredicate(IReadOnlyDictionary<string, object?>? filter, string path = "where")
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = filter is null ? Expression.Constant(true) : FilterTranslator.Build(this, filter, parameter, path);
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }
}
