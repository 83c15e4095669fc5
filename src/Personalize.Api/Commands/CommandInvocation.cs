namespace Personalize.Api.Commands;

/// <summary>
/// A verb's arguments after <see cref="CommandLine.Parse"/>: its own options, each as `--name value` or `--name`, and
/// its positional arguments. Host settings are not among them.
/// </summary>
public sealed record CommandInvocation(string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>True when a --name switch was given.</summary>
    public bool HasSwitch(string name) => Arguments.Contains($"--{name}", StringComparer.OrdinalIgnoreCase);

    /// <summary>The value after --name, if any.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < Arguments.Count - 1; i++)
            if (string.Equals(Arguments[i], $"--{name}", StringComparison.OrdinalIgnoreCase))
                return Arguments[i + 1];
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
                if (optionsWithValue.Contains(arg[2..], StringComparer.OrdinalIgnoreCase))
                    i++;
                continue;
            }
            result.Add(arg);
        }
        return result;
    }
}
