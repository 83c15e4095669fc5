namespace Personalize.Tests.Infrastructure;

/// <summary>For what settles in the background (a reconnect, a message from another instance): read until it holds.</summary>
public static class Eventually
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; fails with the last value after <see cref="Within"/>.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Still {value} after {Within.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}
