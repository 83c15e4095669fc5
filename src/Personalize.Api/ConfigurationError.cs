namespace Personalize.Api;

/// <summary>A setting the service cannot start with; the executable prints the message, not a stack trace.</summary>
public sealed class ConfigurationError(string message) : InvalidOperationException(message);
