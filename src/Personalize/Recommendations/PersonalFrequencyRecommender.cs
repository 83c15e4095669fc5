namespace Personalize.Recommendations;

/// <summary>
/// Repeat-aware personal frequency, in the spirit of TIFU-KNN (Hu et al. 2020): each customer's vector holds, per item,
/// their positive signals counted with an exponential decay of half-life <see cref="HalfLifeDays"/> (L2-normalised);
/// the <see cref="Neighbours"/> most similar customers (cosine, found through the customers who took the customer's
/// strongest items) are averaged, and the score is α × own vector + (1 − α) × the neighbours' mean. Lists are topped
/// up with recency-weighted popularity. One neighbour search serves every α and every neighbour count up to the one
/// searched (<see cref="With"/>), so tuning them is cheap.
/// </summary>
public sealed class PersonalFrequencyRecommender : IRecommender
{
    /// <summary>The customer's strongest items that neighbours are looked for through, and the customers scanned per
    /// item.</summary>
    private const int SearchItems = 20,
        CustomersPerItem = 500;

    private readonly Shared _s;

    private sealed record Shared(
        SignalMatrix Matrix,
        PopularityRecommender Fill,
        int[] Start,
        int[] Items,
        float[] Values,
        int[][] NeighbourLists
    );

    private PersonalFrequencyRecommender(Shared shared, double halfLifeDays, int neighbours, double alpha) =>
        (_s, HalfLifeDays, Neighbours, Alpha) = (shared, halfLifeDays, neighbours, alpha);

    public PersonalFrequencyRecommender(
        SignalMatrix matrix,
        PopularityRecommender fill,
        double halfLifeDays,
        int neighbours,
        double alpha,
        CancellationToken cancellationToken = default
    )
        : this(Build(matrix, fill, halfLifeDays, neighbours, cancellationToken), halfLifeDays, neighbours, alpha) { }

    public string Name => "personal-frequency";
    public double HalfLifeDays { get; }
    public int Neighbours { get; }
    public double Alpha { get; }

    /// <summary>The same vectors and neighbour search with another blend and at most as many neighbours.</summary>
    public PersonalFrequencyRecommender With(int neighbours, double alpha) =>
        new(_s, HalfLifeDays, Math.Min(neighbours, Neighbours), alpha);

    public IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null)
    {
        var scores = ScoreBuffer.For(_s.Matrix.ItemCount);
        var own = (float)Alpha;
        for (var k = _s.Start[customer]; k < _s.Start[customer + 1]; k++)
            scores.Add(_s.Items[k], own * _s.Values[k]);
        var neighbours = _s.NeighbourLists[customer];
        var used = Math.Min(Neighbours, neighbours.Length);
        if (used > 0 && Alpha < 1)
        {
            var share = (float)((1 - Alpha) / used);
            for (var n = 0; n < used; n++)
            for (var k = _s.Start[neighbours[n]]; k < _s.Start[neighbours[n] + 1]; k++)
                scores.Add(_s.Items[k], share * _s.Values[k]);
        }
        return TopItems.WithFill(scores.Drain(positiveOnly: true), _s.Fill, count, exclude);
    }

    private static Shared Build(
        SignalMatrix matrix,
        PopularityRecommender fill,
        double halfLifeDays,
        int neighbours,
        CancellationToken cancellationToken
    )
    {
        var log = matrix.Log;
        var customers = matrix.CustomerCount;
        // Pair index of (customer, item) in the matrix order: a prefix sum over the customers' spans, then a binary
        // search.
        var start = new int[customers + 1];
        for (var c = 0; c < customers; c++)
            start[c + 1] = start[c] + matrix.ItemsOf(c).Length;
        var values = new double[start[^1]];
        var until = matrix.Until.Ticks;
        var decay = halfLifeDays <= 0 ? 0 : Math.Log(2) / halfLifeDays;
        for (var s = 0; s < log.SignalsBefore(matrix.Until); s++)
        {
            if (log.SignalWeights[s] <= 0)
                continue;
            var c = log.SignalCustomers[s];
            var k = IndexOf(matrix.ItemsOf(c), log.SignalItems[s]);
            if (k >= 0)
                values[start[c] + k] += Math.Exp(-decay * (until - log.SignalTicks[s]) / TimeSpan.TicksPerDay);
        }
        var items = new int[values.Length];
        var normalised = new float[values.Length];
        for (var c = 0; c < customers; c++)
        {
            var span = matrix.ItemsOf(c);
            double norm = 0;
            for (var k = 0; k < span.Length; k++)
                norm += values[start[c] + k] * values[start[c] + k];
            norm = norm > 0 ? Math.Sqrt(norm) : 1;
            for (var k = 0; k < span.Length; k++)
                (items[start[c] + k], normalised[start[c] + k]) = (span[k].Item, (float)(values[start[c] + k] / norm));
        }

        // Per item, its strongest customers (value, then index) for the neighbour search.
        var byItem = new List<(int Customer, float Value)>[matrix.ItemCount];
        for (var i = 0; i < byItem.Length; i++)
            byItem[i] = [];
        for (var c = 0; c < customers; c++)
        for (var k = start[c]; k < start[c + 1]; k++)
            if (normalised[k] > 0)
                byItem[items[k]].Add((c, normalised[k]));
        var postings = byItem
            .Select(l => l.OrderByDescending(x => x.Value).ThenBy(x => x.Customer).Take(CustomersPerItem).ToArray())
            .ToArray();

        var lists = new int[customers][];
        Parallel.For(
            0,
            customers,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => (Dots: new float[customers], Touched: new List<int>()),
            (c, _, acc) =>
            {
                var strongest = Enumerable
                    .Range(start[c], start[c + 1] - start[c])
                    .Where(k => normalised[k] > 0)
                    .OrderByDescending(k => normalised[k])
                    .ThenBy(k => items[k])
                    .Take(SearchItems);
                foreach (var k in strongest)
                foreach (var (other, value) in postings[items[k]])
                {
                    if (other == c)
                        continue;
                    if (acc.Dots[other] == 0)
                        acc.Touched.Add(other);
                    acc.Dots[other] += normalised[k] * value;
                }
                var found = acc
                    .Touched.Select(o => (Customer: o, Similarity: acc.Dots[o]))
                    .OrderByDescending(x => x.Similarity)
                    .ThenBy(x => x.Customer)
                    .Take(neighbours)
                    .Select(x => x.Customer)
                    .ToArray();
                foreach (var o in acc.Touched)
                    acc.Dots[o] = 0;
                acc.Touched.Clear();
                lists[c] = found;
                return acc;
            },
            _ => { }
        );
        return new Shared(matrix, fill, start, items, normalised, lists);
    }

    private static int IndexOf(ReadOnlySpan<CustomerItem> span, int item)
    {
        int lo = 0,
            hi = span.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (span[mid].Item == item)
                return mid;
            if (span[mid].Item < item)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return -1;
    }
}
