using System.Collections;
using System.Text.RegularExpressions;
using GraphQL;

namespace Personalize.Api.Http;

/// <summary>Removes the engine's "Did you mean …?" suggestions from error messages where they are not wanted.</summary>
public static partial class NameSuggestions
{
    [GeneratedRegex(@"\s*Did you mean\b.*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();

    public static void Remove(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors || !errors.Any(e => Suggestion().IsMatch(e.Message)))
            return;
        var cleaned = new ExecutionErrors();
        foreach (var error in errors)
            cleaned.Add(
                Suggestion().IsMatch(error.Message) ? Reworded(error, Suggestion().Replace(error.Message, "")) : error
            );
        result.Errors = cleaned;
    }

    /// <summary>The same error with another message: code, path, locations and data kept.</summary>
    public static ExecutionError Reworded(ExecutionError error, string message)
    {
        var copy = new ExecutionError(message) { Code = error.Code, Path = error.Path };
        foreach (var location in error.Locations ?? [])
            copy.AddLocation(location);
        foreach (DictionaryEntry entry in error.Data)
            copy.Data[entry.Key] = entry.Value;
        return copy;
    }
}
