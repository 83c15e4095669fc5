using System.Text.RegularExpressions;

namespace Personalize.Api.Commands;

/// <summary>
/// Splits the arguments between the host and the verb. The host takes every form the standard host accepts:
/// `--Key=value`, `--Key value` and `Key=value` for configuration keys (a section name in PascalCase, or
/// a path with ':') and the host's own `--urls`, `--environment`, `--contentRoot`, `--applicationName`. The verb takes
/// the options its usage line names (`--as-of YYYY-MM-DD` takes a value, `[--timings]` is a switch), also as
/// `--name=value`. Anything else is an error that names it and the verb's options, never silently dropped.
/// </summary>
public static partial class CommandLine
{
    private static readonly string[] HostKeys = ["urls", "environment", "contentRoot", "applicationName"];

    // In a usage line, "--name" followed by a value placeholder takes a value; followed by "]", "|" or nothing it is a
    // switch.
    [GeneratedRegex(@"--([a-z][a-z0-9-]*)(?:\s+(?![\[\]|]|--)(\S+))?")]
    private static partial Regex UsageOption();

    public static ParsedCommandLine Parse(string[] args, IReadOnlyList<ICommand> commands)
    {
        var settings = new List<string>();
        var verbArguments = new List<string>();
        string? verbName = null;
        Dictionary<string, bool>? options = null; // name → takes a value

        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!IsOption(arg, out var name, out var inlineValue))
            {
                if (!arg.StartsWith('-') && arg.Contains('=') && IsSettingKey(arg[..arg.IndexOf('=')]))
                {
                    settings.Add("--" + arg);
                    continue;
                }
                if (verbName is null)
                {
                    verbName = arg;
                    var command = commands.FirstOrDefault(c => c.Name == arg);
                    // An unknown verb is the runner's to report, with the list of verbs.
                    if (command is null && arg != "serve")
                        return new(new CommandInvocation(arg, []), [.. settings], null);
                    options = command is null ? [] : OptionsOf(command);
                }
                else
                    verbArguments.Add(arg);
                continue;
            }

            if (options is not null && options.TryGetValue(name, out var takesValue))
            {
                verbArguments.Add("--" + name);
                if (!takesValue && inlineValue is not null)
                    return Fail($"--{name} is a switch and takes no value.");
                if (!takesValue)
                    continue;
                var value = inlineValue
                    ?? (
                        i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                            ? args[++i]
                            : null
                    );
                if (value is null)
                    return Fail($"--{name} needs a value ({verbName} {Describe(options)}).");
                verbArguments.Add(value);
            }
            else if (IsSettingKey(name))
            {
                var value = inlineValue
                    ?? (i + 1 < args.Length && !IsOption(args[i + 1], out _, out _) ? args[++i] : null);
                if (value is null)
                    return Fail($"The setting --{name} needs a value: --{name} VALUE or --{name}=VALUE.");
                settings.Add($"--{name}={value}");
            }
            else
            {
                var knows = options is { Count: > 0 }
                    ? $"`{verbName}` takes {Describe(options)}"
                    : $"`{verbName ?? "serve"}` takes no options";
                return Fail(
                    $"Unknown option --{name}: {knows}. Settings go as --Section:Key=value (e.g. "
                        + "--Database:Provider=SqlServer) or --urls URL."
                );
            }
        }

        if (verbName is null || verbName == "serve")
            return verbArguments.Count == 0
                ? new(null, [.. settings], null)
                : Fail($"`serve` takes no arguments; got '{verbArguments[0]}'.");
        return new(new CommandInvocation(verbName, verbArguments), [.. settings], null);
    }

    private static ParsedCommandLine Fail(string error) => new(null, [], error);

    /// <summary>The options a verb's usage line names, and whether each takes a value.</summary>
    public static Dictionary<string, bool> OptionsOf(ICommand command)
    {
        var result = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in UsageOption().Matches(command.Usage))
            result[match.Groups[1].Value] = result.GetValueOrDefault(match.Groups[1].Value) || match.Groups[2].Success;
        return result;
    }

    private static string Describe(Dictionary<string, bool> options) =>
        string.Join(", ", options.Select(o => o.Value ? $"--{o.Key} VALUE" : $"--{o.Key}"));

    /// <summary>`--name` or `--name=value`: the name and the value given with it.</summary>
    private static bool IsOption(string arg, out string name, out string? value)
    {
        (name, value) = ("", null);
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            return false;
        var body = arg[2..];
        name = body;
        var equals = body.IndexOf('=');
        if (equals >= 0)
            (name, value) = (body[..equals], body[(equals + 1)..]);
        return name.Length > 0;
    }

    private static bool IsSettingKey(string key) =>
        key.Contains(':')
        || (key.Length > 0 && char.IsUpper(key[0]))
        || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
}
