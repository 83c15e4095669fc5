using Personalize.Tests.Infrastructure;
using StackExchange.Redis;

namespace Personalize.Tests.Scores;

/// <summary>A side connection to the test server for what the cache itself never does: counting commands, planting
/// bytes.</summary>
public sealed class RedisAdmin(RedisServer server) : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection = ConnectionMultiplexer.Connect(
        $"{server.ConnectionString},allowAdmin=true"
    );

    public IDatabase Database => _connection.GetDatabase();

    /// <summary>How many times the server has run this command (from <c>INFO commandstats</c>).</summary>
    public async Task<long> CallsAsync(string command)
    {
        var sections = await _connection.GetServer(server.ConnectionString).InfoAsync("commandstats");
        var stat = sections.SelectMany(section => section).FirstOrDefault(entry => entry.Key == $"cmdstat_{command}");
        if (stat.Value is null)
            return 0;
        var calls = stat.Value.Split(',').Single(part => part.StartsWith("calls=", StringComparison.Ordinal));
        return long.Parse(calls["calls=".Length..]);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
