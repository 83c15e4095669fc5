namespace Personalize.Api.Commands;

/// <summary>What the command line asks for: a verb (null for `serve`), the host's settings, or why it cannot be
/// run.</summary>
public sealed record ParsedCommandLine(CommandInvocation? Verb, string[] Settings, string? Error);
