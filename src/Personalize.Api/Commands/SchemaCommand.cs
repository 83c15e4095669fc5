using GraphQL;
using Personalize.Api.GraphQL;

namespace Personalize.Api.Commands;

/// <summary>`schema export [FILE]`: writes the schema's SDL (default schema/schema.graphql).</summary>
public sealed class SchemaCommand : ICommand
{
    public const string DefaultPath = "schema/schema.graphql";

    public string Name => "schema";
    public string Usage => "schema export [FILE]    write the GraphQL schema as SDL (default schema/schema.graphql)";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        var positional = invocation.Positional();
        if (positional.Count == 0 || positional[0] != "export")
        {
            Console.Error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        var path = Path.GetFullPath(
            positional.Count > 1 ? positional[1] : Path.Combine(RepositoryFolder.Root(), DefaultPath)
        );
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, Print(services.GetRequiredService<PersonalizeSchema>()), cancellationToken);
        Console.WriteLine($"Wrote the schema to {path}.");
        return 0;
    }

    /// <summary>The SDL with descriptions, ending in one newline: the text schema/schema.graphql must hold.</summary>
    public static string Print(PersonalizeSchema schema)
    {
        schema.Initialize();
        return schema
                .Print(
                    new global::GraphQL.Utilities.PrintOptions
                    {
                        IncludeDescriptions = true,
                        IncludeDeprecationReasons = true,
                    }
                )
                .Trim() + "\n";
    }
}
