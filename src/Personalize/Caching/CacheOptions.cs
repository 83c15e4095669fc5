namespace Personalize.Caching;

/// <summary>
/// Bound from the "Cache" section: how the customer caches use Redis. The connection string is
/// <c>ConnectionStrings:Redis</c>; when it is absent, every cache lives in process.
/// </summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";
    public const string ConnectionStringName = "Redis";

    /// <summary>Read from <c>ConnectionStrings:Redis</c>, not from the section.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prepended to every key, so several environments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "pz:";

    /// <summary>Longest wait for one Redis round trip; the storefront must get an answer in milliseconds.</summary>
    public int OperationTimeoutMs { get; set; } = 250;

    /// <summary>
    /// Longest wait for one write batch (<see cref="WriteBatchSize"/> values): writes come from recomputes and
    /// backfills, never ahead of a caller, and a batch of megabytes takes longer than a read.
    /// </summary>
    public int WriteTimeoutMs { get; set; } = 5_000;

    /// <summary>Longest wait for a (re)connection to Redis.</summary>
    public int ConnectTimeoutMs { get; set; } = 1_000;

    /// <summary>Values written (or keys deleted) per Redis command.</summary>
    public int WriteBatchSize { get; set; } = 5_000;

    /// <summary>After a failure, calls skip Redis (and fail at once) for this long before trying it again.</summary>
    public int CircuitBreakMs { get; set; } = 1_000;

    public TimeSpan OperationTimeout => TimeSpan.FromMilliseconds(OperationTimeoutMs);
    public TimeSpan WriteTimeout => TimeSpan.FromMilliseconds(WriteTimeoutMs);
    public TimeSpan CircuitBreak => TimeSpan.FromMilliseconds(CircuitBreakMs);
}
