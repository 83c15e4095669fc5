using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

/// <summary>
/// Generates the `where:` and `order:` input types from the engine's filter and sort definitions, in Hot Chocolate's
/// shape (CustomerFilterInput, StringOperationFilterInput, ...). The operation types are shared by name.
/// </summary>
public sealed class FilterInputTypes
{
    private readonly Dictionary<string, IGraphType> _types = [];

    public IEnumerable<IGraphType> All => _types.Values;

    public FilterInputTypes Add<T>(FilterDefinition<T> definition)
    {
        var input = new InputObjectGraphType { Name = definition.TypeName, Description = definition.Description };
        var self = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(definition.TypeName)));
        input.AddField(
            new FieldType
            {
                Name = "and",
                Description = "All of these conditions hold.",
                ResolvedType = self,
            }
        );
        input.AddField(
            new FieldType
            {
                Name = "or",
                Description = "At least one of these conditions holds.",
                ResolvedType = self,
            }
        );
        foreach (var field in definition.Fields)
            input.AddField(
                new FieldType
                {
                    Name = field.Name,
                    Description = field.Description,
                    ResolvedType = new GraphQLTypeReference(OperationType(field)),
                }
            );
        _types[input.Name] = input;
        return this;
    }

    public FilterInputTypes Add<T>(SortDefinition<T> definition)
    {
        var input = new InputObjectGraphType { Name = definition.TypeName, Description = definition.Description };
        foreach (var field in definition.Fields)
            input.AddField(
                new FieldType
                {
                    Name = field.Name,
                    Description = field.Description,
                    ResolvedType = new GraphQLTypeReference(SortEnumType.TypeName),
                }
            );
        _types[input.Name] = input;
        return this;
    }

    private string OperationType(FilterField field)
    {
        var scalar = ScalarName(field.ValueType);
        return field.Kind switch
        {
            FilterFieldKind.String => Ensure(
                "StringOperationFilterInput",
                "Conditions on a text. `mode: "
                    + "CASE_INSENSITIVE` compares in lower case (still in SQL); the default follows the database "
                    + "collation (case-sensitive on SQLite).",
                ("eq", "String", "Equals."),
                ("neq", "String", "Does not equal."),
                ("in", "[String]", "Is one of."),
                ("nin", "[String]", "Is none of."),
                ("contains", "String", "Contains this text."),
                ("startsWith", "String", "Starts with this text."),
                ("endsWith", "String", "Ends with this text."),
                ("mode", StringMatchModeType.TypeName, "How letters' case is compared.")
            ),
            FilterFieldKind.Comparable => Ensure(
                $"{scalar}OperationFilterInput",
                $"Conditions on a {scalar}.",
                ("eq", scalar, "Equals."),
                ("neq", scalar, "Does not equal."),
                ("in", $"[{scalar}!]", "Is one of."),
                ("nin", $"[{scalar}!]", "Is none of."),
                ("gt", scalar, "Greater than."),
                ("gte", scalar, "Greater than or equal to."),
                ("lt", scalar, "Less than."),
                ("lte", scalar, "Less than or equal to.")
            ),
            FilterFieldKind.Boolean => Ensure(
                "BooleanOperationFilterInput",
                "Conditions on a Boolean.",
                ("eq", "Boolean", "Equals."),
                ("neq", "Boolean", "Does not equal.")
            ),
            FilterFieldKind.Enum => EnumOperationType(scalar),
            FilterFieldKind.EnumSet => Ensure(
                $"List{scalar}OperationFilterInput",
                $"Conditions on a set of {scalar} values.",
                ("some", EnumOperationType(scalar), "At least one value matches."),
                ("none", EnumOperationType(scalar), "No value matches."),
                ("all", EnumOperationType(scalar), "Every value matches (true for an empty set)."),
                ("any", "Boolean", "true: the set is not empty; false: it is empty.")
            ),
            FilterFieldKind.StringList => Ensure(
                "ListStringOperationFilterInput",
                "Conditions on a list of texts.",
                ("some", "StringOperationFilterInput", "At least one element matches."),
                ("none", "StringOperationFilterInput", "No element matches."),
                ("all", "StringOperationFilterInput", "Every element matches (true for an empty list)."),
                ("any", "Boolean", "true: the list is not empty; false: it is empty.")
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    private string EnumOperationType(string enumName) =>
        Ensure(
            $"{enumName}OperationFilterInput",
            $"Conditions on a {enumName}.",
            ("eq", enumName, "Equals."),
            ("neq", enumName, "Does not equal."),
            ("in", $"[{enumName}!]", "Is one of."),
            ("nin", $"[{enumName}!]", "Is none of.")
        );

    private string Ensure(
        string name,
        string description,
        params (string Name, string Type, string Description)[] fields
    )
    {
        if (_types.ContainsKey(name))
            return name;
        var input = new InputObjectGraphType { Name = name, Description = description };
        foreach (var (fieldName, type, fieldDescription) in fields)
            input.AddField(
                new FieldType
                {
                    Name = fieldName,
                    Description = fieldDescription,
                    ResolvedType = Reference(type),
                }
            );
        _types[name] = input;
        return name;
    }

    private static IGraphType Reference(string type) =>
        type switch
        {
            ['[', .. var inner, '!', ']'] => new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(inner))),
            ['[', .. var inner, ']'] => new ListGraphType(new GraphQLTypeReference(inner)),
            _ => new GraphQLTypeReference(type),
        };

    private static string ScalarName(Type type) =>
        type == typeof(string) ? "String"
        : type == typeof(int) ? "Int"
        : type == typeof(bool) ? "Boolean"
        : type == typeof(decimal) ? "Decimal"
        : type == typeof(double) ? "Float"
        : type == typeof(DateTime) ? "DateTime"
        : type.IsEnum ? type.Name
        : throw new NotSupportedException($"No GraphQL scalar for {type}.");
}
