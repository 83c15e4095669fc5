using System.Net;
using System.Net.Sockets;

namespace Personalize.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder to one port, for cutting one client off a server while others keep it: <see cref="Cut"/>
/// drops every forwarded connection and refuses new ones until <see cref="Restore"/>.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;

    public TcpProxy(int targetPort)
    {
        _target = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener);
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    public void Cut()
    {
        lock (_connections)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
                connection.Dispose();
            _connections.Clear();
        }
    }

    public void Restore()
    {
        lock (_connections)
        {
            if (_listener is not null)
                return;
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptAsync(_listener);
        }
    }

    public void Dispose() => Cut();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }
            lock (_connections)
            {
                if (_listener != listener) // cut while this one was connecting
                {
                    client.Dispose();
                    server.Dispose();
                    return;
                }
                _connections.AddRange([client, server]);
            }
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e)
            when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException) { }
        from.Dispose();
        to.Dispose();
    }
}
