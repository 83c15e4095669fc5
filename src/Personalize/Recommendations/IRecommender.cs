namespace Personalize.Recommendations;

/// <summary>An item (an index of the <see cref="SignalMatrix"/> the recommender was built on) and how strongly it is
/// recommended.</summary>
public readonly record struct ScoredItem(int Item, float Score);

/// <summary>Ranks items for a customer. Implementations are immutable once built, so calls may run on many
/// threads.</summary>
public interface IRecommender
{
    /// <summary>A short stable name, e.g. "item-knn".</summary>
    string Name { get; }

    /// <param name="customer">A customer index of the matrix the recommender was built on.</param>
    /// <param name="count">At most this many items, best first.</param>
    /// <param name="exclude">Items never to return (e.g. already consumed and not repeatable).</param>
    IReadOnlyList<ScoredItem> Recommend(int customer, int count, Predicate<int>? exclude = null);
}

internal static class TopItems
{
    /// <summary>The best <paramref name="count"/> by score, ties by item index so that results never depend on the
    /// input order.</summary>
    public static List<ScoredItem> Select(IEnumerable<ScoredItem> items, int count, Predicate<int>? exclude) =>
        Best(exclude is null ? items : items.Where(i => !exclude(i.Item)), count, BestFirst);

    public static int BestFirst(ScoredItem a, ScoredItem b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item);

    /// <summary>The first <paramref name="count"/> items in <paramref name="order"/> (a total order), in that order: a
    /// heap of <paramref name="count"/>, not a sort of all.</summary>
    public static List<ScoredItem> Best(IEnumerable<ScoredItem> items, int count, Comparison<ScoredItem> order)
    {
        var result = new List<ScoredItem>();
        if (count <= 0)
            return result;
        var worstFirst = new PriorityQueue<ScoredItem, ScoredItem>(
            count,
            Comparer<ScoredItem>.Create((x, y) => order(y, x))
        );
        foreach (var item in items)
            if (worstFirst.Count < count)
                worstFirst.Enqueue(item, item);
            else if (order(item, worstFirst.Peek()) < 0)
                worstFirst.DequeueEnqueue(item, item);
        while (worstFirst.Count > 0)
            result.Add(worstFirst.Dequeue());
        result.Reverse();
        return result;
    }

    /// <summary>
    /// The best personal items, then (when fewer than <paramref name="count"/>) the most popular items not already
    /// listed, scored below the last personal one so the order is kept.
    /// </summary>
    public static List<ScoredItem> WithFill(
        IEnumerable<ScoredItem> personal,
        PopularityRecommender fill,
        int count,
        Predicate<int>? exclude
    )
    {
        var result = Select(personal, count, exclude);
        if (result.Count >= count)
            return result;
        var taken = result.Select(r => r.Item).ToHashSet();
        var floor = result.Count == 0 ? 1f : result[^1].Score;
        result.AddRange(
            fill.Top(count - result.Count, exclude, taken).Select((p, n) => new ScoredItem(p.Item, floor / (n + 2)))
        );
        return result;
    }
}

/// <summary>
/// One customer's item scores in a dense buffer of this thread (no dictionary): scores added in the order given, then
/// read back once as a list, which clears the buffer for the next customer.
/// </summary>
internal sealed class ScoreBuffer
{
    [ThreadStatic]
    private static ScoreBuffer? _current;
    private float[] _values = [];
    private bool[] _seen = [];
    private readonly List<int> _touched = [];

    /// <summary>This thread's buffer, empty, for items 0 to <paramref name="items"/> − 1.</summary>
    public static ScoreBuffer For(int items)
    {
        var buffer = _current ??= new ScoreBuffer();
        if (buffer._values.Length < items)
            (buffer._values, buffer._seen) = (new float[items], new bool[items]);
        return buffer;
    }

    public void Add(int item, float value)
    {
        if (_seen[item])
            _values[item] += value;
        else
        {
            (_seen[item], _values[item]) = (true, value);
            _touched.Add(item);
        }
    }

    /// <summary>The items scored (those with a positive score only, when asked), then the buffer is empty.</summary>
    public List<ScoredItem> Drain(bool positiveOnly)
    {
        var result = new List<ScoredItem>(_touched.Count);
        foreach (var item in _touched)
        {
            if (!positiveOnly || _values[item] > 0)
                result.Add(new ScoredItem(item, _values[item]));
            _seen[item] = false;
        }
        _touched.Clear();
        return result;
    }
}
