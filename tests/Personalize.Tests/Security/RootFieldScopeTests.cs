using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Api.GraphQL;
using Personalize.Api.Security;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Security;

public sealed class RootFieldScopeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly PersonalizeSchema _schema = api.Services.GetRequiredService<PersonalizeSchema>();

    /// <summary>A new Query or Mutation field must be given its scopes (in RootFieldScopes, or with RequireScopes where
    /// it is declared).</summary>
    [Fact]
    public void Every_root_field_has_explicit_scopes()
    {
        _schema.Initialize();
        var missing = Unlisted(_schema.Query, RootFieldScopes.Query)
            .Concat(Unlisted(_schema.Mutation!, RootFieldScopes.Mutation))
            .ToList();
        Assert.True(
            missing.Count == 0,
            "Root fields without explicit scopes (add them to Security/RootFieldScopes.cs): "
                + string.Join(", ", missing)
        );
    }

    [Fact]
    public void The_scope_tables_name_only_fields_that_exist()
    {
        _schema.Initialize();
        var stale = RootFieldScopes
            .Query.Keys.Where(n => _schema.Query.GetField(n) is null)
            .Concat(RootFieldScopes.Mutation.Keys.Where(n => _schema.Mutation!.GetField(n) is null))
            .ToList();
        Assert.True(stale.Count == 0, "Scope table entries for fields that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_PII_fields_of_a_customer_need_the_email_or_admin_scope()
    {
        _schema.Initialize();
        var customer = (IComplexGraphType)_schema.AllTypes["Customer"]!;
        foreach (var name in PiiFields.CustomerFields)
            Assert.Equal(["email", "admin"], FieldScopes.Of(customer.GetField(name)!));
    }

    private static IEnumerable<string> Unlisted(IObjectGraphType type, IReadOnlyDictionary<string, string[]> table) =>
        type.Fields.Where(RootFieldScopes.IsUnlisted).Select(f => $"{type.Name}.{f.Name}");
}
