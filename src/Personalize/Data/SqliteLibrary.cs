using SQLitePCL;

namespace Personalize.Data;

/// <summary>
/// Process-wide SQLite settings, set once before the first connection opens. Memory statistics are turned off: with
/// them on, every allocation SQLite makes takes one global mutex, so statements running side by side on different
/// connections (a dashboard view's fields, concurrent storefront requests) queue for it. Two concurrent grouping
/// queries took 1.2 to 1.5 times as long each as one alone; with the statistics off, no longer than alone.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<int> Configured = new(() =>
    {
        Batteries_V2.Init();
        // SQLITE_MISUSE when a connection was opened first in this process: the setting then stays as it was.
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    });

    public static void Configure() => _ = Configured.Value;
}
