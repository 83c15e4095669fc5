namespace Personalize.Lifetime;

internal static class GroupSum
{
    private const int Chunk = 32_768;

    /// <summary>
    /// Σ over <paramref name="length"/> groups of <paramref name="range"/>(from, to). Large inputs are summed in fixed
    /// chunks on all cores; the chunk sums are added in chunk order, so the result does not depend on thread scheduling
    /// and fits stay deterministic.
    /// </summary>
    public static double Sum(int length, Func<int, int, double> range) => Chunks(length, range).Sum();

    /// <summary>The result of <paramref name="range"/> on each fixed chunk of the groups, in chunk order.</summary>
    public static T[] Chunks<T>(int length, Func<int, int, T> range)
    {
        if (length <= Chunk)
            return [range(0, length)];
        var results = new T[(length + Chunk - 1) / Chunk];
        Parallel.For(0, results.Length, i => results[i] = range(i * Chunk, Math.Min(length, (i + 1) * Chunk)));
        return results;
    }
}
