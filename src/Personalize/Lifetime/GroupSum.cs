namespace Personalize.Lifetime;

internal static class GroupSum
{
    private const int Chunk = 32_768;

    /// <summary>
    /// Σ over the groups of <paramref name="range"/>(from, to). Large inputs are summed in fixed chunks on all cores;
    /// the chunk sums are added in chunk order, so the result does not depend on thread scheduling and fits stay deterministic.
    /// </summary>
    public static double Sum<T>(IReadOnlyList<T> groups, Func<int, int, double> range)
    {
        if (groups.Count <= Chunk) return range(0, groups.Count);
        var sums = new double[(groups.Count + Chunk - 1) / Chunk];
        Parallel.For(0, sums.Length, i => sums[i] = range(i * Chunk, Math.Min(groups.Count, (i + 1) * Chunk)));
        return sums.Sum();
    }
}
