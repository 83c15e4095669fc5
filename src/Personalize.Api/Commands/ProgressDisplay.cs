using System.Globalization;
using Personalize.Import;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>
/// Shows a long job's progress (import, scoring): a live status line on a terminal, a plain line every few seconds
/// otherwise (CI logs), then the one-line summary and the first bad rows.
/// </summary>
public static class ProgressDisplay
{
    private const int BadRowsShown = 50;

    public static Task<ImportSummary> RunAsync(
        string title,
        Func<IProgress<ImportProgress>, Task<ImportSummary>> import
    ) => RunAsync(title, import, Describe);

    public static async Task<TResult> RunAsync<TProgress, TResult>(
        string title,
        Func<IProgress<TProgress>, Task<TResult>> import,
        Func<TProgress, string> describe
    )
        where TProgress : class
    {
        var latest = new LatestProgress<TProgress>();
        if (AnsiConsole.Profile.Capabilities.Interactive)
            return await AnsiConsole
                .Status()
                .StartAsync(title, async ctx =>
                {
                    var work = import(latest);
                    while (await Task.WhenAny(work, Task.Delay(250)) != work)
                        if (latest.Value is { } p)
                            ctx.Status($"{Markup.Escape(title)} — {Markup.Escape(describe(p))}");
                    return await work;
                });

        Console.WriteLine(title);
        var task = import(latest);
        while (await Task.WhenAny(task, Task.Delay(5000)) != task)
            if (latest.Value is { } p)
                Console.WriteLine($"  {describe(p)}");
        return await task;
    }

    public static void Print(ImportSummary summary)
    {
        // Console, not AnsiConsole: the summary stays one line, never wrapped to the terminal width.
        Console.WriteLine(summary.ToString());
        foreach (var bad in summary.BadRows.Take(BadRowsShown))
            AnsiConsole.WriteLine($"  {bad}");
        if (summary.Bad > BadRowsShown)
            AnsiConsole.WriteLine($"  ... and {summary.Bad - BadRowsShown:N0} more bad rows");
    }

    public static string Describe(ImportProgress p) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{p.RowsRead:N0} rows read, {p.Imported:N0} imported, {p.Skipped:N0} skipped, {p.Bad:N0} bad"
        );

    /// <summary>Keeps the last report; read by the display loop (no synchronization context in a console
    /// app).</summary>
    private sealed class LatestProgress<T> : IProgress<T>
        where T : class
    {
        public volatile T? Value;

        public void Report(T value) => Value = value;
    }
}
