using System.Diagnostics;

namespace Personalize.Tests.Http;

public sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}\n{StandardOutput}\n{StandardError}";
}

/// <summary>Runs the node scripts of tests/http-audit (their npm packages are installed by ./test.sh).</summary>
public static class NodeScripts
{
    public static string Folder { get; } = FindFolder();

    public static async Task<ScriptRun> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Folder, "node_modules")))
            throw new InvalidOperationException($"{Folder} has no node_modules: run `npm ci` there (./test.sh does).");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"node {script} did not finish within {timeout}:\n{await output}\n{await error}"
            );
        }
        return new ScriptRun(process.ExitCode, await output, await error);
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Personalize.sln")))
                return Path.Combine(dir.FullName, "tests", "http-audit");
        throw new DirectoryNotFoundException("Personalize.sln not found above " + AppContext.BaseDirectory);
    }
}
