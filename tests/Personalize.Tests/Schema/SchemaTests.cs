using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Api.Commands;
using Personalize.Api.GraphQL;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Schema;

public sealed class SchemaTests : IClassFixture<ApiFactory>
{
    private readonly PersonalizeSchema _schema;

    public SchemaTests(ApiFactory factory)
    {
        _schema = factory.Services.GetRequiredService<PersonalizeSchema>();
        _schema.Initialize();
    }

    [Fact]
    public void Exported_schema_file_matches_the_code()
    {
        var file = File.ReadAllText(RepositoryFiles.PathOf(SchemaCommand.DefaultPath)).ReplaceLineEndings("\n");
        var code = SchemaCommand.Print(_schema);
        Assert.True(
            file == code,
            "schema/schema.graphql differs from the schema the code builds. Run `dotnet run --project "
                + "src/Personalize.Api -- schema export` and commit the file."
        );
    }

    [Fact]
    public void Every_type_field_argument_and_enum_value_has_a_description()
    {
        var missing = new List<string>();
        foreach (var type in _schema.AllTypes.Where(t => !t.Name.StartsWith("__") && t is not ScalarGraphType))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
                missing.Add(type.Name);
            if (type is IComplexGraphType complex)
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                        missing.Add($"{type.Name}.{field.Name}");
                    foreach (var argument in field.Arguments ?? [])
                        if (string.IsNullOrWhiteSpace(argument.Description))
                            missing.Add($"{type.Name}.{field.Name}({argument.Name})");
                }
            if (type is EnumerationGraphType enumeration)
                foreach (var value in enumeration.Values)
                    if (string.IsNullOrWhiteSpace(value.Description))
                        missing.Add($"{type.Name}.{value.Name}");
        }
        Assert.True(missing.Count == 0, "Without a description: " + string.Join(", ", missing));
    }
}
