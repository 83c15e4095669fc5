using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Personalize.Access;

namespace Personalize.Api.Security;

/// <summary>
/// Checks the scopes of every field the operation selects and of every input field its arguments set, before
/// anything runs: through nested fields, fragments, inline fragments and aliases, on every document whatever its
/// source (text, cache, persisted id, GET). A refusal names the response path, and the operation does not run.
/// </summary>
public sealed class ScopeRule : ValidationRuleBase
{
    public static readonly ScopeRule Instance = new();

    // After variables and arguments are parsed, so a value sent as a variable is checked like a literal.
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        var held = Caller.ScopesOf(context.User);
        if (!held.Contains(Scopes.Admin))
            new Walk(context, held).Operation();
        return default;
    }

    private sealed class Walk(ValidationContext context, IReadOnlySet<string> held)
    {
        private readonly HashSet<string> _fragments = [];

        public void Operation()
        {
            var root = context.Operation.Operation switch
            {
                OperationType.Mutation => context.Schema.Mutation,
                OperationType.Subscription => context.Schema.Subscription,
                _ => context.Schema.Query,
            };
            if (root is not null)
                SelectionSet(context.Operation.SelectionSet, root, []);
        }

        private void SelectionSet(GraphQLSelectionSet set, IGraphType parent, List<object> path)
        {
            foreach (var selection in set.Selections)
            {
                if (!context.ShouldIncludeNode(selection))
                    continue;
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field, parent, path);
                        break;
                    case GraphQLInlineFragment inline:
                        SelectionSet(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? parent, path);
                        break;
                    // Each fragment is walked once, at its first spread: enough to refuse, and linear in the document.
                    case GraphQLFragmentSpread spread when _fragments.Add(spread.FragmentName.Name.StringValue):
                        if (context.Document.FindFragmentDefinition(spread.FragmentName.Name) is { } fragment)
                            SelectionSet(fragment.SelectionSet, TypeOf(fragment.TypeCondition) ?? parent, path);
                        break;
                }
            }
        }

        private void Field(GraphQLField node, IGraphType parent, List<object> path)
        {
            var name = node.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal))
                return; // introspection has rules of its own
            if ((parent as IComplexGraphType)?.GetField(name) is not { } field)
                return;
            List<object> here = [.. path, (node.Alias?.Name ?? node.Name).StringValue];
            Check(field, node, here, $"`{name}`");
            if (context.ArgumentValues?.TryGetValue(node, out var arguments) == true)
                foreach (var argument in field.Arguments ?? [])
                    if (arguments.TryGetValue(argument.Name, out var value))
                        Input(value.Value, argument.ResolvedType, node, here, argument.Name);
            if (node.SelectionSet is { } set)
                SelectionSet(set, field.ResolvedType!.GetNamedType(), here);
        }

        /// <summary>Checks the input fields that a parsed argument value sets, at any depth.</summary>
        private void Input(object? value, IGraphType? type, GraphQLField node, List<object> path, string where)
        {
            if (value is null)
                return;
            switch (type)
            {
                case NonNullGraphType nonNull:
                    Input(value, nonNull.ResolvedType, node, path, where);
                    break;
                case ListGraphType list when value is System.Collections.IEnumerable items and not string:
                    foreach (var item in items)
                        Input(item, list.ResolvedType, node, path, where);
                    break;
                case IInputObjectGraphType input when value is IDictionary<string, object?> fields:
                    foreach (var (key, inner) in fields)
                        if (inner is not null && input.GetField(key) is { } field)
                        {
                            Check(field, node, path, $"`{where}` setting `{key}`");
                            Input(inner, field.ResolvedType, node, path, $"{where}.{key}");
                        }
                    break;
            }
        }

        private void Check(IFieldType field, GraphQLField node, List<object> path, string what)
        {
            if (FieldScopes.Of(field) is not { } allowed || allowed.Any(held.Contains))
                return;
            var has = held.Count > 0 ? string.Join(", ", held.Order()) : "no scope";
            context.ReportError(
                new ForbiddenError(
                    context,
                    node,
                    path,
                    $"{what} needs the scope {string.Join(" or ", allowed)}; this caller has {has}."
                )
            );
        }

        private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
            condition is null ? null : context.Schema.AllTypes[condition.Type.Name.StringValue];
    }

    private sealed class ForbiddenError : ValidationError
    {
        public ForbiddenError(ValidationContext context, GraphQLField node, List<object> path, string message)
            : base(context.Document.Source, null, message, node)
        {
            Code = FieldScopes.ForbiddenCode;
            Path = path;
        }
    }
}
