using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Access;
using Personalize.Api.GraphQL;
using Personalize.Api.Security;

namespace Personalize.Tests.Security;

/// <summary>
/// Access generated from the schema: every field path from a root, up to <see cref="MaxDepth"/> fields deep, that
/// reaches a customer's personal data, a list of customers, or a filter or sort on personal data, is sent with a key of
/// each scope. The expected answer comes from the policy written here, not from the fields' metadata, so a new nested
/// field that opens a path — a list of customers under an offer, an email on an order — fails this test until it
/// declares its scopes (or is added to <see cref="IntendedCustomerLists"/> with its reason).
/// </summary>
public sealed class ScopeCoverageTests(ScopeCoverageTests.Api api) : IClassFixture<ScopeCoverageTests.Api>
{
    public sealed class Api() : SecuredApi(new Dictionary<string, string?> { ["RateLimit:Permits"] = "0" });

    private const int MaxDepth = 6;
    private static readonly string[] Tested = [Scopes.Storefront, Scopes.Email, Scopes.Analytics];
    private static readonly string[] PiiReaders = [Scopes.Email, Scopes.Admin];
    private static readonly string[] CustomerListers = [Scopes.Email, Scopes.Analytics, Scopes.Admin];

    /// <summary>Lists of customer-identifying objects that are not a listing of customers, and why.</summary>
    private static readonly Dictionary<string, string> IntendedCustomerLists = new()
    {
        ["Query.customersByIds"] = "looks up the ids the caller already holds, as `customer` does for one",
        ["Customer.offers"] = "the offer assignments of the one customer above",
        ["Personalization.offers"] = "the offers decided for the one customer `personalize` was asked about",
    };

    private enum Reach
    {
        PiiField,
        CustomerList,
        PiiArgument,
    }

    private sealed record Case(Reach Reach, string Target, string Document, string[] Allowed, bool IsQuery);

    [Fact]
    public async Task Every_path_to_personal_data_or_customer_lists_is_refused_to_scopes_without_the_right()
    {
        var cases = Cases().ToList();
        Assert.True(cases.Count > 100, $"only {cases.Count} paths were generated");
        foreach (var reach in Enum.GetValues<Reach>())
            Assert.Contains(cases, c => c.Reach == reach);
        Assert.Contains(cases, c => c.Document.Contains("segments") && c.Target == "Customer.email");

        var keys = new Dictionary<string, string>();
        foreach (var scope in Tested)
            keys[scope] = await api.CreateKeyAsync(scope);
        var failures = new List<string>();
        var allowedChecked = new HashSet<(string, string)>();
        foreach (var c in cases)
        foreach (var scope in Tested)
        {
            var allowed = c.Allowed.Contains(scope);
            // Allowed paths run for real, once per target and scope, and only for queries (mutations would write).
            if (allowed && (!c.IsQuery || !allowedChecked.Add((c.Target + c.Reach, scope))))
                continue;
            var result = await api.GraphQLAsync(c.Document, apiKey: keys[scope]);
            var forbidden = Errors(result).Where(e => e.Code == FieldScopes.ForbiddenCode).ToList();
            if (allowed && forbidden.Count > 0)
                failures.Add($"{scope} refused {c.Reach} {c.Target}: {c.Document} -> {forbidden[0].Message}");
            else if (!allowed && (forbidden.Count == 0 || forbidden.Any(e => e.Path.Length == 0) || HasData(result)))
                failures.Add($"{scope} was not refused {c.Reach} {c.Target}: {c.Document} -> {Shorten(result)}");
        }
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {cases.Count} paths × {Tested.Length} scopes:\n"
                + string.Join("\n", failures.Take(30))
        );
    }

    [Fact]
    public void The_intended_customer_lists_still_exist()
    {
        var schema = Schema();
        foreach (var name in IntendedCustomerLists.Keys)
        {
            var (type, field) = (name.Split('.')[0], name.Split('.')[1]);
            Assert.True(
                ((IComplexGraphType)schema.AllTypes[type]!).GetField(field) is not null,
                $"{name} is allow-listed but gone"
            );
        }
    }

    private PersonalizeSchema Schema()
    {
        var schema = api.Services.GetRequiredService<PersonalizeSchema>();
        schema.Initialize();
        return schema;
    }

    private IEnumerable<Case> Cases()
    {
        var schema = Schema();
        var roots = new[] { (schema.Query, true), (schema.Mutation!, false) };
        foreach (var (root, isQuery) in roots)
        foreach (var field in root.Fields)
        {
            var table = isQuery ? RootFieldScopes.Query : RootFieldScopes.Mutation;
            var rootAllowed = table.TryGetValue(field.Name, out var s)
                ? s.Append(Scopes.Admin).ToArray()
                : [Scopes.Admin];
            foreach (var c in Walk(root, field, [], rootAllowed, isQuery, 1))
                yield return c;
        }
    }

    /// <summary>The cases at and below <paramref name="field"/> of <paramref name="parent"/>, reached through <paramref
    /// name="path"/>.</summary>
    private IEnumerable<Case> Walk(
        IComplexGraphType parent,
        FieldType field,
        List<(IComplexGraphType Parent, FieldType Field)> path,
        string[] allowed,
        bool isQuery,
        int depth
    )
    {
        if (field.Name.StartsWith("__", StringComparison.Ordinal) || path.Any(p => p.Field == field))
            yield break;
        List<(IComplexGraphType Parent, FieldType Field)> here = [.. path, (parent, field)];
        var name = $"{parent.Name}.{field.Name}";
        if (IsPii(parent, field))
            yield return new Case(
                Reach.PiiField,
                name,
                Document(here, null, isQuery),
                Intersect(allowed, PiiReaders),
                isQuery
            );
        if (IsCustomerList(field.ResolvedType!) && !IntendedCustomerLists.ContainsKey(name))
        {
            allowed = Intersect(allowed, CustomerListers);
            yield return new Case(Reach.CustomerList, name, Document(here, null, isQuery), allowed, isQuery);
        }
        foreach (var argument in field.Arguments ?? [])
            if (PiiValue(argument.ResolvedType!) is { } value)
                yield return new Case(
                    Reach.PiiArgument,
                    $"{name}({argument.Name})",
                    Document(here, (argument.Name, value), isQuery),
                    Intersect(allowed, PiiReaders),
                    isQuery
                );
        if (depth < MaxDepth && field.ResolvedType!.GetNamedType() is IComplexGraphType child)
            foreach (var inner in Fields(child))
            foreach (var c in Walk(child, inner, here, allowed, isQuery, depth + 1))
                yield return c;
    }

    private IEnumerable<FieldType> Fields(IComplexGraphType type) =>
        type switch
        {
            IInterfaceGraphType face => face.PossibleTypes.SelectMany(t => t.Fields).DistinctBy(f => f.Name),
            _ => type.Fields,
        };

    private static string[] Intersect(string[] a, string[] b) => [.. a.Intersect(b)];

    /// <summary>Personal data by the policy: an email, phone or name of a customer, in any type.</summary>
    private static bool IsPii(IComplexGraphType parent, FieldType field) =>
        field.ResolvedType!.GetNamedType() is not BooleanGraphType
        && (
            field.Name.Contains("email", StringComparison.OrdinalIgnoreCase)
                && !field.Name.StartsWith("consent", StringComparison.Ordinal)
            || field.Name.Contains("phone", StringComparison.OrdinalIgnoreCase)
            || parent.Name == "Customer" && field.Name is "name" or "firstName" or "lastName"
        );

    /// <summary>A list or connection of customers, or of objects that name a customer (a `customerId` or `customer`
    /// field).</summary>
    private static bool IsCustomerList(IGraphType type)
    {
        var unwrapped = type is NonNullGraphType n ? n.ResolvedType! : type;
        if (unwrapped is ListGraphType list)
            return IdentifiesCustomers(list.ResolvedType!.GetNamedType());
        return unwrapped is IObjectGraphType o
            && o.GetField("nodes") is { } nodes
            && IsCustomerList(nodes.ResolvedType!);
    }

    private static bool IdentifiesCustomers(IGraphType type) =>
        type.Name == "Customer"
        || type is IComplexGraphType c && (c.GetField("customerId") is not null || c.GetField("customer") is not null);

    /// <summary>A valid value that sets a personal field, for an argument of a customer input type; null for other
    /// arguments.</summary>
    private static string? PiiValue(IGraphType type)
    {
        var named = type.GetNamedType();
        if (named is not IInputObjectGraphType input || !named.Name.StartsWith("Customer", StringComparison.Ordinal))
            return null;
        var field = input.GetField("email") ?? input.GetField("name");
        if (field is null)
            return null;
        var inner = field.ResolvedType!.GetNamedType() switch
        {
            IInputObjectGraphType => "{ startsWith: \"a\" }",
            EnumerationGraphType e => e.Values.First().Name,
            _ => "\"a@example.com\"",
        };
        var value = InputLiteral(input, $"{field.Name}: {inner}");
        return Unwrap(type) is ListGraphType ? $"[{value}]" : value;
    }

    private static IGraphType Unwrap(IGraphType type) => type is NonNullGraphType n ? n.ResolvedType! : type;

    private static string Document(
        List<(IComplexGraphType Parent, FieldType Field)> path,
        (string Name, string Value)? pii,
        bool isQuery
    )
    {
        var text = new StringBuilder(isQuery ? "query " : "mutation ");
        for (var i = 0; i < path.Count; i++)
        {
            var (parent, field) = path[i];
            text.Append("{ ");
            if (
                i > 0
                && parent is IObjectGraphType concrete
                && path[i - 1].Field.ResolvedType!.GetNamedType() is IInterfaceGraphType
            )
                text.Append($"... on {concrete.Name} {{ ");
            text.Append(field.Name);
            var arguments = (field.Arguments ?? [])
                .Where(a => a.ResolvedType is NonNullGraphType && a.DefaultValue is null)
                .Select(a => $"{a.Name}: {Literal(a.ResolvedType!)}")
                .Where(a => pii is null || !a.StartsWith(pii.Value.Name + ":", StringComparison.Ordinal))
                .ToList();
            if (i == path.Count - 1 && pii is { } p)
                arguments.Add($"{p.Name}: {p.Value}");
            if (arguments.Count > 0)
                text.Append('(').Append(string.Join(", ", arguments)).Append(')');
        }
        if (path[^1].Field.ResolvedType!.GetNamedType() is IComplexGraphType)
            text.Append(" { __typename }");
        for (var i = path.Count - 1; i >= 0; i--)
        {
            if (
                i > 0
                && path[i].Parent is IObjectGraphType
                && path[i - 1].Field.ResolvedType!.GetNamedType() is IInterfaceGraphType
            )
                text.Append(" }");
            text.Append(" }");
        }
        return text.ToString();
    }

    /// <summary>A valid literal for a required argument.</summary>
    private static string Literal(IGraphType type) =>
        type switch
        {
            NonNullGraphType n => Literal(n.ResolvedType!),
            ListGraphType l => $"[{Literal(l.ResolvedType!)}]",
            EnumerationGraphType e => e.Values.First().Name,
            IntGraphType => "1",
            FloatGraphType => "1.5",
            BooleanGraphType => "true",
            DecimalGraphType => "1",
            DateTimeGraphType => "\"2026-01-01T00:00:00Z\"",
            IInputObjectGraphType input => InputLiteral(input, null),
            _ => "\"x\"",
        };

    private static string InputLiteral(IInputObjectGraphType input, string? extra) =>
        "{ "
        + string.Join(
            ", ",
            input
                .Fields.Where(f =>
                    f.ResolvedType is NonNullGraphType
                    && f.DefaultValue is null
                    && (extra is null || !extra.StartsWith(f.Name + ":", StringComparison.Ordinal))
                )
                .Select(f => $"{f.Name}: {Literal(f.ResolvedType!)}")
                .Append(extra)
                .OfType<string>()
        )
        + " }";

    private sealed record Error(string Code, string Message, string[] Path);

    private static IEnumerable<Error> Errors(JsonElement result) =>
        result.TryGetProperty("errors", out var errors)
            ? errors
                .EnumerateArray()
                .Select(e => new Error(
                    e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code)
                        ? code.GetString() ?? ""
                        : "",
                    e.GetProperty("message").GetString() ?? "",
                    e.TryGetProperty("path", out var path) ? [.. path.EnumerateArray().Select(p => p.ToString())] : []
                ))
            : [];

    private static bool HasData(JsonElement result) =>
        result.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;

    private static string Shorten(JsonElement result) =>
        result.ToString() is { Length: > 300 } text ? text[..300] + "…" : result.ToString();
}
