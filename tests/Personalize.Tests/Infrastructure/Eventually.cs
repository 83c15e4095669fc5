namespace Personalize.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for what settles in the background (a reconnect, a message from another instance, a
/// delivery): try again until it holds. <see cref="Within"/> only stops a test that would otherwise hang; nothing
/// is asserted about time.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; fails with the last value after <see
    /// cref="Within"/>.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Still {value} after {Within.TotalSeconds} s.");
            await Task.Delay(Pause);
        }
    }

    /// <summary>Runs <paramref name="attempt"/> until it completes without throwing; rethrows its last failure after
    /// <see cref="Within"/>.</summary>
    public static async Task HoldsAsync(Func<Task> attempt)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception) when (DateTime.UtcNow <= deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }
}
