using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Personalize.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian package, installed by ./test.sh) on a free loopback port, without persistence.
/// It can be stopped and started again on the same port to test outages; it is killed on dispose.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("personalize-redis-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = FreeLoopbackPort();
    public string ConnectionString => $"127.0.0.1:{Port}";
    public bool IsRunning => _process is { HasExited: false };

    public RedisServer()
    {
        // Last resort against orphans when the test host exits without disposing its fixtures.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the server (again) on <see cref="Port"/> and returns once it answers PING.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
            return;
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var argument in new[]
            {
                "--port",
                Port.ToString(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                _directory,
                "--enable-debug-command",
                "local",
            }
        )
            start.ArgumentList.Add(argument);

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "redis-server was not found on PATH. Install the Debian package (apt-get install redis-server; "
                    + "./test.sh does it) to run the Redis tests.",
                e
            );
        }
        _process.OutputDataReceived += (_, line) =>
        {
            lock (_output)
                _output.AppendLine(line.Data);
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_output)
                _output.AppendLine(line.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilItAnswersPingAsync(_process);
    }

    /// <summary>Kills the server, as an outage would.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    private async Task WaitUntilItAnswersPingAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException(
                    $"redis-server exited with code {process.ExitCode} on port {Port}:\n{Output()}"
                );
            if (await AnswersPingAsync())
                return;
            await Task.Delay(20);
        }
        await StopAsync();
        throw new TimeoutException(
            $"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output()}"
        );
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException) { }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
