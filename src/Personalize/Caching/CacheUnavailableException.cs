namespace Personalize.Caching;

/// <summary>Redis is down, too slow, or skipped after a recent failure; callers fall back to the database.</summary>
public sealed class CacheUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
