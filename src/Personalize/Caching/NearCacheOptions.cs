namespace Personalize.Caching;

/// <summary>The in-process cache of per-customer facts (<see cref="CustomerNearCache"/>); section
/// "NearCache".</summary>
public sealed class NearCacheOptions
{
    public const string Section = "NearCache";

    /// <summary>Off: every request reads the database and Redis.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Customers held at most; past this the older half is dropped.</summary>
    public int MaxCustomers { get; set; } = 50_000;

    /// <summary>
    /// Seconds a customer's facts are kept. Writes through any instance evict them at once (the change feed); this
    /// bounds what a write no instance was told of leaves stale: another process on the same SQLite file without Redis,
    /// or a rolling 12-month spend that changes as time passes.
    /// </summary>
    public int MaxAgeSeconds { get; set; } = 120;

    /// <summary>A load that took longer than this is answered but not kept (its invalidations may have been
    /// pruned).</summary>
    public int MaxLoadMilliseconds { get; set; } = 30_000;

    public TimeSpan MaxAge => TimeSpan.FromSeconds(Math.Max(0, MaxAgeSeconds));
}
