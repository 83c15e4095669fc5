using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;

namespace Personalize.Api.Http;

/// <summary>Adds the valid values to the engine's "not a value of this enum" errors, literal or variable.</summary>
public static partial class EnumValueHints
{
    [GeneratedRegex(
        @"Expected type '(?<type>\w+)', found (?<value>[^.\]]+)\.|Unable to convert '(?<value>[^']*)' to '(?<type>\w+)'"
    )]
    private static partial Regex NotAValue();

    public static void Add(ExecutionResult result, ISchema schema)
    {
        if (result.Errors is not { Count: > 0 } errors || !errors.Any(e => Hint(e.Message, schema) is not null))
            return;
        var hinted = new ExecutionErrors();
        foreach (var error in errors)
            hinted.Add(
                Hint(error.Message, schema) is { } hint
                    ? NameSuggestions.Reworded(error, $"{error.Message.TrimEnd()} {hint}")
                    : error
            );
        result.Errors = hinted;
    }

    private static string? Hint(string message, ISchema schema)
    {
        var match = NotAValue().Match(message);
        if (!match.Success || schema.AllTypes[match.Groups["type"].Value] is not EnumerationGraphType type)
            return null;
        return $"{type.Name} is one of: {string.Join(", ", type.Values.Select(v => v.Name))}.";
    }
}
