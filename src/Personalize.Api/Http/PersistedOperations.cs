using System.Security.Cryptography;
using System.Text;
using GraphQLParser;
using GraphQLParser.AST;

namespace Personalize.Api.Http;

/// <summary>
/// The operations in schema/operations (copied to the output's operations/), found by
/// "sha256:&lt;hex&gt;" (GraphQL.NET's documentId), the bare hex or the operation's name (Hot Chocolate's id).
/// The hash is of the file's UTF-8 bytes, as `sha256sum` prints it.
/// </summary>
public sealed class PersistedOperations
{
    private readonly Dictionary<string, string> _queriesById;

    public PersistedOperations()
        : this(Path.Combine(AppContext.BaseDirectory, "operations")) { }

    public PersistedOperations(string directory)
    {
        _queriesById = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
            return;
        foreach (var file in Directory.EnumerateFiles(directory, "*.graphql"))
        {
            var bytes = File.ReadAllBytes(file);
            var query = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            _queriesById[hash] = query;
            _queriesById["sha256:" + hash] = query;
            foreach (var operation in Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>())
                if (operation.Name is { } name)
                    _queriesById[name.StringValue] = query;
        }
    }

    public int Count => _queriesById.Count;

    public bool TryGetQuery(string id, out string query) => _queriesById.TryGetValue(id, out query!);
}
