namespace Personalize.Lifetime;

/// <summary>The input of the Gamma-Gamma model: repeat customers' (x, z̄), grouped by identical pairs.</summary>
public sealed class SpendData
{
    private readonly Dictionary<(int X, double Zbar), long> _counts = new();
    private SpendGroup[]? _groups;

    public long CustomerCount { get; private set; }

    /// <summary>Repeat customers left out by <see cref="FromStatistics"/> because their mean spend was not
    /// positive.</summary>
    public long SkippedNonPositiveSpend { get; private set; }

    public IReadOnlyList<SpendGroup> Groups =>
        _groups ??= _counts
            .Select(kv => new SpendGroup(kv.Key.X, kv.Key.Zbar, kv.Value))
            .OrderBy(g => g.Frequency)
            .ThenBy(g => g.MeanSpend)
            .ToArray();

    public void Add(int frequency, double meanSpend, long count = 1)
    {
        if (frequency <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(frequency),
                frequency,
                "Only repeat customers (x > 0) carry spend information."
            );
        if (!double.IsFinite(meanSpend) || meanSpend <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(meanSpend),
                meanSpend,
                "The mean spend must be positive and finite."
            );
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be positive.");
        var key = (frequency, meanSpend);
        _counts[key] = _counts.GetValueOrDefault(key) + count;
        CustomerCount += count;
        _groups = null;
    }

    /// <summary>Keeps the customers with x &gt; 0, skipping (and counting) those whose repeat purchases were all
    /// free.</summary>
    public static SpendData FromStatistics(IEnumerable<CustomerStatistics> customers)
    {
        var data = new SpendData();
        foreach (var c in customers.Where(c => c.Frequency > 0))
        {
            if (c.MonetaryValue > 0)
                data.Add(c.Frequency, (double)c.MonetaryValue);
            else
                data.SkippedNonPositiveSpend++;
        }
        return data;
    }
}
