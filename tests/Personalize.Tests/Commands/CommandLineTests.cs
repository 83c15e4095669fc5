using System.Diagnostics;
using System.Net.Sockets;
using Personalize.Api.Commands;

namespace Personalize.Tests.Commands;

/// <summary>
/// The executable's arguments: every form the standard host accepts reaches the host, a verb gets its own options in
/// either form, and an argument nobody knows is an error that names it. The last tests run the built executable.
/// </summary>
public sealed class CommandLineTests
{
    private static ParsedCommandLine Parse(params string[] args) => CommandRunner.ParseCommandLine(args);

    [Theory]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5123" }, "--urls=http://127.0.0.1:5123")]
    [InlineData(new[] { "serve", "--urls=http://127.0.0.1:5123" }, "--urls=http://127.0.0.1:5123")]
    [InlineData(new[] { "--environment", "Production" }, "--environment=Production")]
    [InlineData(new[] { "serve", "--Database:Provider", "SqlServer" }, "--Database:Provider=SqlServer")]
    [InlineData(new[] { "--Seed:Demo=false" }, "--Seed:Demo=false")]
    [InlineData(new[] { "Seed:Demo=false" }, "--Seed:Demo=false")]
    public void Serve_passes_every_host_form_to_the_host(string[] args, string setting)
    {
        var parsed = Parse(args);
        Assert.Null(parsed.Error);
        Assert.Null(parsed.Verb);
        Assert.Equal([setting], parsed.Settings);
    }

    [Fact]
    public void A_verb_gets_its_options_in_both_forms_and_the_host_its_settings_anywhere()
    {
        var parsed = Parse(
            "--environment",
            "Production",
            "scores",
            "recompute",
            "--as-of=2011-06-30",
            "--ConnectionStrings:Personalize",
            "Data Source=x.db",
            "--timings"
        );

        Assert.Null(parsed.Error);
        Assert.Equal(["--environment=Production", "--ConnectionStrings:Personalize=Data Source=x.db"], parsed.Settings);
        Assert.Equal("scores", parsed.Verb!.Name);
        Assert.Equal(["recompute"], parsed.Verb.Positional("as-of"));
        Assert.Equal("2011-06-30", parsed.Verb.Option("as-of"));
        Assert.True(parsed.Verb.HasSwitch("timings"));
    }

    [Theory]
    [InlineData(
        new[] { "scores", "recompute", "--as-off", "2011-06-30" },
        "Unknown option --as-off: `scores` takes --as-of VALUE, --timings"
    )]
    [InlineData(new[] { "serve", "--port", "5000" }, "Unknown option --port: `serve` takes no options")]
    [InlineData(new[] { "scores", "recompute", "--as-of" }, "--as-of needs a value")]
    [InlineData(new[] { "scores", "recompute", "--timings=yes" }, "--timings is a switch")]
    [InlineData(new[] { "--urls" }, "The setting --urls needs a value")]
    [InlineData(new[] { "serve", "extra" }, "`serve` takes no arguments")]
    public void An_argument_nobody_knows_is_an_error_that_names_it(string[] args, string error)
    {
        var parsed = Parse(args);
        Assert.NotNull(parsed.Error);
        Assert.StartsWith(error, parsed.Error);
    }

    [Fact]
    public void Every_verbs_options_come_from_its_usage_line()
    {
        Assert.Equal(
            new Dictionary<string, bool> { ["as-of"] = true, ["timings"] = false },
            CommandLine.OptionsOf(new ScoresCommand())
        );
        foreach (var command in CommandRunner.Commands)
            Assert.All(CommandLine.OptionsOf(command).Keys, name => Assert.Matches("^[a-z][a-z0-9-]*$", name));
    }

    [Fact]
    public async Task Serve_listens_where_a_space_separated_urls_says_and_prints_where_the_IDE_is()
    {
        using var folder = new TempFolder();
        var port = FreePort();
        using var service = Executable.Start(
            folder.Path,
            "serve",
            "--urls",
            $"http://127.0.0.1:{port}",
            "--Seed:Demo",
            "false",
            "--ConnectionStrings:Personalize",
            $"Data Source={Path.Combine(folder.Path, "p.db")}"
        );

        var ready = await service.LineContainingAsync("Ready: Banana Cake Pop at");
        Assert.Contains($"http://127.0.0.1:{port}/graphql", ready);
        using var http = new HttpClient();
        Assert.Contains("Healthy", await http.GetStringAsync($"http://127.0.0.1:{port}/healthz"));
    }

    [Fact]
    public async Task A_verb_prints_its_progress_and_summary_but_no_SQL_and_refuses_an_unknown_option()
    {
        using var folder = new TempFolder();
        var database = $"Data Source={Path.Combine(folder.Path, "p.db")}";

        using (
            var refused = Executable.Start(
                folder.Path,
                "scores",
                "recompute",
                "--as-off",
                "2026-01-01",
                "--ConnectionStrings:Personalize",
                database
            )
        )
        {
            var (code, output) = await refused.ExitAsync();
            Assert.Equal(2, code);
            Assert.Contains("Unknown option --as-off", output);
        }

        using var run = Executable.Start(
            folder.Path,
            "scores",
            "recompute",
            "--as-of",
            "2026-01-01",
            "--ConnectionStrings:Personalize",
            database,
            "--Seed:Demo",
            "false",
            "--Privacy:Secret",
            new string('s', 40)
        );
        var (exit, text) = await run.ExitAsync();
        Assert.DoesNotContain("Executed DbCommand", text);
        Assert.DoesNotContain("SELECT", text);
        Assert.StartsWith("Scoring customers", text.Trim()); // the progress, then one summary line
        Assert.True(exit is 0 or 1, text);
    }

    [Fact]
    public async Task A_setting_Production_cannot_start_with_is_one_clear_line_not_a_stack_trace()
    {
        using var folder = new TempFolder();
        using var run = Executable.Start(
            folder.Path,
            "scores",
            "recompute",
            "--environment",
            "Production",
            "--ConnectionStrings:Personalize",
            $"Data Source={Path.Combine(folder.Path, "p.db")}"
        );

        var (exit, output) = await run.ExitAsync();
        Assert.Equal(1, exit);
        Assert.StartsWith("Privacy:Secret is missing", output.Trim());
        Assert.DoesNotContain("   at ", output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pz-cli-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException) { }
        }
    }

    /// <summary>The built Personalize.Api executable, run from another folder (so no appsettings.json is found
    /// there).</summary>
    private sealed class Executable : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly SemaphoreSlim _changed = new(0);

        private Executable(Process process) => _process = process;

        public static Executable Start(string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Personalize.Api.dll"));
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            var executable = new Executable(Process.Start(start)!);
            executable._process.OutputDataReceived += executable.Add;
            executable._process.ErrorDataReceived += executable.Add;
            executable._process.BeginOutputReadLine();
            executable._process.BeginErrorReadLine();
            return executable;
        }

        private void Add(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (_lines)
                _lines.Add(e.Data);
            _changed.Release();
        }

        public async Task<string> LineContainingAsync(string text)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (true)
            {
                lock (_lines)
                    if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                        return line;
                Assert.False(_process.HasExited, "exited: " + Output());
                try
                {
                    await _changed.WaitAsync(TimeSpan.FromSeconds(1), timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"no line with '{text}' in:\n{Output()}");
                }
            }
        }

        public async Task<(int Code, string Output)> ExitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit(); // drains the redirected streams
            return (_process.ExitCode, Output());
        }

        private string Output()
        {
            lock (_lines)
                return string.Join("\n", _lines);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
