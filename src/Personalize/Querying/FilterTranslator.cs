using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Personalize.Querying;

/// <summary>Builds expression trees from `where:` values; see <see cref="FilterDefinition{T}"/>.</summary>
internal static class FilterTranslator
{
    public const string CaseInsensitive = "CASE_INSENSITIVE";

    public static Expression Build<T>(
        FilterDefinition<T> definition,
        IReadOnlyDictionary<string, object?> filter,
        ParameterExpression parameter,
        string path
    )
    {
        var parts = new List<Expression>();
        foreach (var (key, value) in filter)
        {
            if (value is null)
                continue;
            var here = $"{path}.{key}";
            switch (key)
            {
                case "and":
                    parts.Add(Combine(Nested(definition, value, parameter, here), Expression.AndAlso, true));
                    break;
                case "or":
                    parts.Add(Combine(Nested(definition, value, parameter, here), Expression.OrElse, false));
                    break;
                default:
                    var field = definition.Fields.FirstOrDefault(f => f.Name == key)
                        ?? throw new QueryException(
                            here,
                            $"'{key}' is not a field of {definition.TypeName}; fields "
                                + $"are {string.Join(", ", definition.Fields.Select(f => f.Name))}, and, or."
                        );
                    var member = new ParameterReplacer(field.Selector.Parameters[0], parameter).Visit(
                        field.Selector.Body
                    );
                    parts.Add(FieldPredicate(field, member, AsObject(value, here), here));
                    break;
            }
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static IEnumerable<Expression> Nested<T>(
        FilterDefinition<T> definition,
        object value,
        ParameterExpression parameter,
        string path
    ) =>
        AsList(value, path)
            .Select((item, i) => Build(definition, AsObject(item, $"{path}[{i}]"), parameter, $"{path}[{i}]"));

    private static Expression Combine(
        IEnumerable<Expression> parts,
        Func<Expression, Expression, BinaryExpression> join,
        bool whenEmpty
    ) =>
        parts.Aggregate((Expression?)null, (all, next) => all is null ? next : join(all, next))
        ?? Expression.Constant(whenEmpty);

    private static Expression FieldPredicate(
        FilterField field,
        Expression member,
        IReadOnlyDictionary<string, object?> ops,
        string path
    ) =>
        field.Kind switch
        {
            FilterFieldKind.String => StringPredicate(member, ops, path),
            FilterFieldKind.Comparable or FilterFieldKind.Boolean or FilterFieldKind.Enum => ValuePredicate(
                field,
                member,
                ops,
                path
            ),
            FilterFieldKind.EnumSet => EnumSetPredicate(field, member, ops, path),
            FilterFieldKind.StringList => StringListPredicate(field, member, ops, path),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

    private static Expression StringPredicate(Expression member, IReadOnlyDictionary<string, object?> ops, string path)
    {
        var insensitive =
            ops.TryGetValue("mode", out var mode)
            && mode is not null
            && string.Equals(ValueConverter.ToText(mode), CaseInsensitive, StringComparison.OrdinalIgnoreCase);
        var subject = insensitive ? Expression.Call(member, StringMethods.ToLower) : member;
        string? Text(object? raw, string at)
        {
            var text = (string?)ValueConverter.Convert(raw, typeof(string), at);
            return insensitive ? text?.ToLowerInvariant() : text;
        }
        Expression NotNullAnd(Expression test) =>
            Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, typeof(string))), test);

        var parts = new List<Expression>();
        foreach (var (op, raw) in ops)
        {
            if (op == "mode" || raw is null && op is not ("eq" or "neq"))
                continue;
            var at = $"{path}.{op}";
            parts.Add(
                op switch
                {
                    "eq" => Expression.Equal(subject, Constant(Text(raw, at), typeof(string))),
                    "neq" => Expression.NotEqual(subject, Constant(Text(raw, at), typeof(string))),
                    "in" => In(
                        subject,
                        AsList(raw, at).Select((v, i) => (object?)Text(v, $"{at}[{i}]")),
                        typeof(string)
                    ),
                    "nin" => Expression.Not(
                        In(subject, AsList(raw, at).Select((v, i) => (object?)Text(v, $"{at}[{i}]")), typeof(string))
                    ),
                    "contains" => NotNullAnd(
                        Expression.Call(subject, StringMethods.Contains, Constant(Text(raw, at), typeof(string)))
                    ),
                    "startsWith" => NotNullAnd(
                        Expression.Call(subject, StringMethods.StartsWith, Constant(Text(raw, at), typeof(string)))
                    ),
                    "endsWith" => NotNullAnd(
                        Expression.Call(subject, StringMethods.EndsWith, Constant(Text(raw, at), typeof(string)))
                    ),
                    _ => throw UnknownOperation(at, op, "eq, neq, in, nin, contains, startsWith, endsWith, mode"),
                }
            );
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static Expression ValuePredicate(
        FilterField field,
        Expression member,
        IReadOnlyDictionary<string, object?> ops,
        string path
    )
    {
        var comparable = field.Kind == FilterFieldKind.Comparable;
        var parts = new List<Expression>();
        foreach (var (op, raw) in ops)
        {
            if (raw is null && op is not ("eq" or "neq"))
                continue;
            var at = $"{path}.{op}";
            object? Value() => ValueConverter.Convert(raw, field.ValueType, at);
            parts.Add(
                op switch
                {
                    "eq" => Expression.Equal(member, Constant(Value(), member.Type)),
                    "neq" => Expression.NotEqual(member, Constant(Value(), member.Type)),
                    "in" when field.Kind != FilterFieldKind.Boolean => In(
                        member,
                        AsList(raw, at).Select((v, i) => ValueConverter.Convert(v, field.ValueType, $"{at}[{i}]")),
                        member.Type
                    ),
                    "nin" when field.Kind != FilterFieldKind.Boolean => Expression.Not(
                        In(
                            member,
                            AsList(raw, at).Select((v, i) => ValueConverter.Convert(v, field.ValueType, $"{at}[{i}]")),
                            member.Type
                        )
                    ),
                    "gt" when comparable => Expression.GreaterThan(member, Constant(Value(), member.Type)),
                    "gte" when comparable => Expression.GreaterThanOrEqual(member, Constant(Value(), member.Type)),
                    "lt" when comparable => Expression.LessThan(member, Constant(Value(), member.Type)),
                    "lte" when comparable => Expression.LessThanOrEqual(member, Constant(Value(), member.Type)),
                    _ => throw UnknownOperation(
                        at,
                        op,
                        field.Kind switch
                        {
                            FilterFieldKind.Comparable => "eq, neq, in, nin, gt, gte, lt, lte",
                            FilterFieldKind.Boolean => "eq, neq",
                            _ => "eq, neq, in, nin",
                        }
                    ),
                }
            );
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    // Bit n of the mask stands for enum value n. "some eq X" is mask & bit(X) <> 0, and so on, all in SQL.
    private static Expression EnumSetPredicate(
        FilterField field,
        Expression member,
        IReadOnlyDictionary<string, object?> ops,
        string path
    )
    {
        var mask = Expression.Convert(member, typeof(int));
        var allBits = Enum.GetValues(field.ValueType).Cast<object>().Aggregate(0, (m, v) => m | Bit(v));
        Expression Intersects(int bits) =>
            Expression.NotEqual(Expression.And(mask, Expression.Constant(bits)), Expression.Constant(0));

        // The set of element values an element operation accepts, as bits.
        int Accepted(IReadOnlyDictionary<string, object?> elementOps, string at)
        {
            var accepted = allBits;
            foreach (var (op, raw) in elementOps)
            {
                if (raw is null)
                    continue;
                var here = $"{at}.{op}";
                IEnumerable<int> Bits() =>
                    AsList(raw, here)
                        .Select((v, i) => Bit(ValueConverter.Convert(v, field.ValueType, $"{here}[{i}]")!));
                accepted &= op switch
                {
                    "eq" => Bit(ValueConverter.Convert(raw, field.ValueType, here)!),
                    "neq" => allBits & ~Bit(ValueConverter.Convert(raw, field.ValueType, here)!),
                    "in" => Bits().Aggregate(0, (m, b) => m | b),
                    "nin" => allBits & ~Bits().Aggregate(0, (m, b) => m | b),
                    _ => throw UnknownOperation(here, op, "eq, neq, in, nin"),
                };
            }
            return accepted;
        }

        var parts = new List<Expression>();
        foreach (var (op, raw) in ops)
        {
            if (raw is null)
                continue;
            var at = $"{path}.{op}";
            parts.Add(
                op switch
                {
                    "some" => Intersects(Accepted(AsObject(raw, at), at)),
                    "none" => Expression.Not(Intersects(Accepted(AsObject(raw, at), at))),
                    "all" => Expression.Not(Intersects(allBits & ~Accepted(AsObject(raw, at), at))),
                    "any" => (bool)ValueConverter.Convert(raw, typeof(bool), at)!
                        ? Intersects(allBits)
                        : Expression.Not(Intersects(allBits)),
                    _ => throw UnknownOperation(at, op, "some, none, all, any"),
                }
            );
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static Expression StringListPredicate(
        FilterField field,
        Expression member,
        IReadOnlyDictionary<string, object?> ops,
        string path
    )
    {
        var elementType = field.ElementSelector!.Parameters[0].Type;
        var any = EnumerableMethod(nameof(Enumerable.Any), 1, elementType);
        var anyWhere = EnumerableMethod(nameof(Enumerable.Any), 2, elementType);
        var all = EnumerableMethod(nameof(Enumerable.All), 2, elementType);
        LambdaExpression ElementTest(object raw, string at)
        {
            var element = Expression.Parameter(elementType, "e");
            var text = new ParameterReplacer(field.ElementSelector.Parameters[0], element).Visit(
                field.ElementSelector.Body
            );
            return Expression.Lambda(StringPredicate(text, AsObject(raw, at), at), element);
        }

        var parts = new List<Expression>();
        foreach (var (op, raw) in ops)
        {
            if (raw is null)
                continue;
            var at = $"{path}.{op}";
            parts.Add(
                op switch
                {
                    "some" => Expression.Call(anyWhere, member, ElementTest(raw, at)),
                    "none" => Expression.Not(Expression.Call(anyWhere, member, ElementTest(raw, at))),
                    "all" => Expression.Call(all, member, ElementTest(raw, at)),
                    "any" => (bool)ValueConverter.Convert(raw, typeof(bool), at)!
                        ? Expression.Call(any, member)
                        : Expression.Not(Expression.Call(any, member)),
                    _ => throw UnknownOperation(at, op, "some, none, all, any"),
                }
            );
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static int Bit(object enumValue) => 1 << System.Convert.ToInt32(enumValue);

    private static Expression In(Expression member, IEnumerable<object?> values, Type type)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
        foreach (var value in values)
            list.Add(value);
        var contains = EnumerableMethod(nameof(Enumerable.Contains), 2, type);
        return Expression.Call(contains, Constant(list, list.GetType()), member);
    }

    private static Expression Constant(object? value, Type type) => QueryParameter.Of(value, type);

    private static MethodInfo EnumerableMethod(string name, int parameters, Type elementType) =>
        typeof(Enumerable)
            .GetMethods()
            .First(m => m.Name == name && m.GetParameters().Length == parameters)
            .MakeGenericMethod(elementType);

    internal static IReadOnlyDictionary<string, object?> AsObject(object? value, string path) =>
        value switch
        {
            IReadOnlyDictionary<string, object?> dictionary => dictionary,
            IDictionary<string, object?> dictionary => dictionary.AsReadOnly(),
            _ => throw new QueryException(path, "expected an input object."),
        };

    internal static IEnumerable<object?> AsList(object? value, string path) =>
        value switch
        {
            string or null => throw new QueryException(path, "expected a list."),
            IEnumerable items => items.Cast<object?>(),
            _ => throw new QueryException(path, "expected a list."),
        };

    private static QueryException UnknownOperation(string path, string op, string allowed) =>
        new(path, $"'{op}' is not an operation here; use {allowed}.");

    private static class StringMethods
    {
        public static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        public static readonly MethodInfo Contains = typeof(string).GetMethod(
            nameof(string.Contains),
            [typeof(string)]
        )!;
        public static readonly MethodInfo StartsWith = typeof(string).GetMethod(
            nameof(string.StartsWith),
            [typeof(string)]
        )!;
        public static readonly MethodInfo EndsWith = typeof(string).GetMethod(
            nameof(string.EndsWith),
            [typeof(string)]
        )!;
    }
}

/// <summary>A value captured like a closure variable, so EF Core sends it as a parameter (one cached plan) rather than
/// inlining it into the SQL text.</summary>
internal static class QueryParameter
{
    public static Expression Of(object? value, Type type) =>
        Expression.Convert(Expression.Property(Expression.Constant(new Box(value)), nameof(Box.Value)), type);

    private sealed class Box(object? value)
    {
        public object? Value { get; } = value;
    }
}

internal sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
