namespace Personalize.Api.Commands;

/// <summary>
/// The executable's verbs: `serve` (default), `seed`, `import KIND FILE`, `schema export`, ...
/// Arguments of the form --Key=value are configuration and go to the host; the rest belongs to the verb.
/// </summary>
public sealed record CommandInvocation(string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>True when a --name switch was given.</summary>
    public bool HasSwitch(string name) => Arguments.Contains($"--{name}", StringComparer.OrdinalIgnoreCase);

    /// <summary>The value after --name, if any.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < Arguments.Count - 1; i++)
            if (string.Equals(Arguments[i], $"--{name}", StringComparison.OrdinalIgnoreCase)) return Arguments[i + 1];
        return null;
    }

    /// <summary>Arguments that are neither switches nor option values.</summary>
    public IReadOnlyList<string> Positional(params string[] optionsWithValue)
    {
        var result = new List<string>();
        for (var i = 0; i < Arguments.Count; i++)
        {
            var arg = Arguments[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (optionsWithValue.Contains(arg[2..], StringComparer.OrdinalIgnoreCase)) i++;
                continue;
            }
            result.Add(arg);
        }
        return result;
    }
}

public static class CommandLine
{
    /// <returns>The verb to run (null for `serve`), and the arguments for the host's configuration.</returns>
    public static (CommandInvocation? Verb, string[] Settings) Split(string[] args)
    {
        var settings = args.Where(IsSetting).ToArray();
        var rest = args.Where(a => !IsSetting(a)).ToList();
        if (rest.Count == 0 || rest[0] == "serve") return (null, settings);
        return (new CommandInvocation(rest[0], rest.Skip(1).ToList()), settings);
    }

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=');
}
