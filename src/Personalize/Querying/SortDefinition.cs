using System.Linq.Expressions;

namespace Personalize.Querying;

public enum SortDirection
{
    [System.ComponentModel.Description("Ascending: smallest first; nulls first.")]
    Asc,

    [System.ComponentModel.Description("Descending: largest first; nulls last.")]
    Desc,
}

public enum StringMatchMode
{
    [System.ComponentModel.Description(
        "As the database compares: case-sensitive on SQLite, per collation on SQL Server (usually insensitive)."
    )]
    CaseSensitive,

    [System.ComponentModel.Description("Both sides in lower case, compared in SQL.")]
    CaseInsensitive,
}

/// <summary>One sortable field: its GraphQL name and the entity expression it orders by.</summary>
public sealed record SortField(string Name, string Description, LambdaExpression Selector);

public sealed record SortKey(SortField Field, SortDirection Direction);

/// <summary>
/// The sortable fields of an entity, declared once: the GraphQL `order:` input type is generated from it.
/// Every order ends with the row id, so it is total and keyset cursors are stable.
/// </summary>
public sealed class SortDefinition<T>(string typeName, string description, Expression<Func<T, long>> id)
{
    private readonly List<SortField> _fields = [];

    public string TypeName { get; } = typeName;
    public string Description { get; } = description;
    public Expression<Func<T, long>> Id { get; } = id;
    public IReadOnlyList<SortField> Fields => _fields;

    public SortDefinition<T> Field<TKey>(string name, Expression<Func<T, TKey>> selector, string description)
    {
        _fields.Add(new SortField(name, description, selector));
        return this;
    }

    /// <summary>Reads an `order:` value: a list of objects with exactly one field set to ASC or DESC each.</summary>
    public IReadOnlyList<SortKey> Parse(IEnumerable<object?>? order, string path = "order")
    {
        if (order is null)
            return [];
        var keys = new List<SortKey>();
        var index = 0;
        foreach (var item in order)
        {
            var at = $"{path}[{index++}]";
            var set = FilterTranslator.AsObject(item, at).Where(p => p.Value is not null).ToList();
            if (set.Count != 1)
                throw new QueryException(
                    at,
                    "set exactly one field per sort object; list several objects to sort by several fields."
                );
            var (name, direction) = set[0];
            var field = _fields.FirstOrDefault(f => f.Name == name)
                ?? throw new QueryException($"{at}.{name}", $"'{name}' is not a sortable field of {TypeName}.");
            keys.Add(
                new SortKey(
                    field,
                    (SortDirection)ValueConverter.Convert(direction, typeof(SortDirection), $"{at}.{name}")!
                )
            );
        }
        return keys;
    }
}
