namespace Personalize.Lifetime;

/// <summary>
/// Grouped (x, t_x, T) laid out for the likelihood sums, on a time axis divided by a scale. Times are stored once each
/// (customers' t_x and T fall on a grid of days, so a million customers share about a thousand distinct times) and each
/// group points at its two, so that ln(α+t) and the like cost one evaluation per distinct time, not per group. For the
/// Pareto/NBD likelihood, the distinct (x, t) pairs are numbered too (<see cref="RecencyPair"/>, <see
/// cref="AgePair"/>).
/// </summary>
internal sealed class RepeatPurchaseColumns
{
    public RepeatPurchaseColumns(IReadOnlyList<RepeatPurchaseGroup> groups, double scale = 1)
    {
        var n = groups.Count;
        Frequency = new int[n];
        Count = new double[n];
        Recency = new int[n];
        Age = new int[n];
        var times = new Dictionary<double, int>();
        var distinct = new List<double>();
        int IndexOf(double t)
        {
            if (!times.TryGetValue(t, out var index))
            {
                times[t] = index = distinct.Count;
                distinct.Add(t);
            }
            return index;
        }
        for (var i = 0; i < n; i++)
        {
            var g = groups[i];
            if (i > 0 && g.Frequency < Frequency[i - 1])
                throw new ArgumentException("Groups must be sorted by x.", nameof(groups));
            Frequency[i] = g.Frequency;
            Count[i] = g.Count;
            Recency[i] = IndexOf(g.Recency / scale);
            Age[i] = IndexOf(g.Age / scale);
            CustomerCount += g.Count;
        }
        Times = distinct.ToArray();
        MaxFrequency = n == 0 ? 0 : Frequency[^1];
        CountByFrequency = new double[MaxFrequency + 1];
        for (var i = 0; i < n; i++)
            CountByFrequency[Frequency[i]] += Count[i];
        _pairs = new Lazy<(int[], int[], int[], int[], int[][])>(NumberPairs);
    }

    public int Length => Frequency.Length;
    public int[] Frequency { get; }
    public double[] Count { get; }

    /// <summary>Index of each group's t_x in <see cref="Times"/>.</summary>
    public int[] Recency { get; }

    /// <summary>Index of each group's T in <see cref="Times"/>.</summary>
    public int[] Age { get; }

    /// <summary>The distinct rescaled times.</summary>
    public double[] Times { get; }
    public int MaxFrequency { get; }

    /// <summary>Customers per x, 0..<see cref="MaxFrequency"/>.</summary>
    public double[] CountByFrequency { get; }
    public double CustomerCount { get; }

    private readonly Lazy<(
        int[] PairFrequency,
        int[] PairTime,
        int[] RecencyPair,
        int[] AgePair,
        int[][] PairsOfFrequency
    )> _pairs;

    /// <summary>x of each distinct (x, t) pair; pairs are ordered by x.</summary>
    public int[] PairFrequency => _pairs.Value.PairFrequency;

    /// <summary>Index in <see cref="Times"/> of each pair's t.</summary>
    public int[] PairTime => _pairs.Value.PairTime;

    /// <summary>Each group's (x, t_x) pair.</summary>
    public int[] RecencyPair => _pairs.Value.RecencyPair;

    /// <summary>Each group's (x, T) pair.</summary>
    public int[] AgePair => _pairs.Value.AgePair;

    /// <summary>For each distinct x, its pairs from the latest time to the earliest.</summary>
    public int[][] PairsOfFrequency => _pairs.Value.PairsOfFrequency;

    private (int[], int[], int[], int[], int[][]) NumberPairs()
    {
        var numbers = new Dictionary<(int, int), int>();
        var frequency = new List<int>();
        var time = new List<int>();
        var recency = new int[Length];
        var age = new int[Length];
        int Number(int x, int t)
        {
            if (!numbers.TryGetValue((x, t), out var number))
            {
                numbers[(x, t)] = number = frequency.Count;
                frequency.Add(x);
                time.Add(t);
            }
            return number;
        }
        for (var i = 0; i < Length; i++)
        {
            recency[i] = Number(Frequency[i], Recency[i]);
            age[i] = Number(Frequency[i], Age[i]);
        }
        var byFrequency = Enumerable
            .Range(0, frequency.Count)
            .GroupBy(i => frequency[i])
            .Select(g => g.OrderByDescending(i => Times[time[i]]).ToArray())
            .ToArray();
        return (frequency.ToArray(), time.ToArray(), recency, age, byFrequency);
    }
}
