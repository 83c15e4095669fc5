namespace Personalize.Lifetime;

/// <summary>A model could not be fitted to the data; the message says why.</summary>
public sealed class ModelFitException(string message) : Exception(message);
