using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Kpis;

/// <summary>
/// The order figures of many windows (a report's period, a trend's buckets) from one read of the orders. Every
/// window's start, end and previous start is a boundary, and each order's segment between boundaries is numbered in SQL
/// (<see cref="TimeBuckets"/>). SQL lists each customer's segments; buyers, repeat buyers, previous buyers and the
/// retained are tallied here, customer by customer, because the previous periods do not line up with the windows and
/// grouping in SQL would take a query per window. Orders and revenue are summed in SQL per segment.
/// </summary>
internal sealed class OrderWindowPass
{
    private readonly List<DateTime> _boundaries;
    private readonly KpiWindow[] _windows;

    // Per segment, the windows it lies in and the windows whose previous period it lies in.
    private readonly List<int>[] _inWindow;
    private readonly List<int>[] _inPrevious;

    // Per window, the first segment inside it.
    private readonly int[] _firstSegment;

    /// <param name="windows">Distinct windows.</param>
    private OrderWindowPass(IReadOnlyCollection<KpiWindow> windows)
    {
        _windows = windows.ToArray();
        _boundaries = _windows.SelectMany(w => new[] { w.PreviousStart, w.Start, w.End }).Distinct().Order().ToList();
        _inWindow = Enumerable.Range(0, _boundaries.Count + 1).Select(_ => new List<int>()).ToArray();
        _inPrevious = Enumerable.Range(0, _boundaries.Count + 1).Select(_ => new List<int>()).ToArray();
        _firstSegment = new int[_windows.Length];
        for (var w = 0; w < _windows.Length; w++)
        {
            // A time's segment is the number of boundaries at or before it, so [B[i], B[j]) holds segments i+1..j.
            var (previous, start, end) = (
                Index(_windows[w].PreviousStart),
                Index(_windows[w].Start),
                Index(_windows[w].End)
            );
            _firstSegment[w] = start + 1;
            for (var s = start + 1; s <= end; s++)
                _inWindow[s].Add(w);
            for (var s = previous + 1; s <= start; s++)
                _inPrevious[s].Add(w);
        }
    }

    private int Index(DateTime boundary) => _boundaries.BinarySearch(boundary);

    /// <summary>The figures of each window; windows are split into passes of at most
    /// <see cref="TimeBuckets.MaxBoundaries"/> boundaries.</summary>
    public static async Task<Dictionary<KpiWindow, OrderFigures>> FiguresAsync(
        PersonalizeDbContext db,
        IQueryable<Customer>? scope,
        IReadOnlyCollection<KpiWindow> windows,
        CancellationToken cancellationToken
    )
    {
        var figures = new Dictionary<KpiWindow, OrderFigures>();
        foreach (var chunk in Chunks(windows))
        foreach (var (window, value) in await new OrderWindowPass(chunk).RunAsync(db, scope, cancellationToken))
            figures[window] = value;
        return figures;
    }

    private static IEnumerable<List<KpiWindow>> Chunks(IReadOnlyCollection<KpiWindow> windows)
    {
        var (chunk, boundaries) = (new List<KpiWindow>(), new HashSet<DateTime>());
        foreach (var window in windows.Distinct().OrderBy(w => w.Start))
        {
            DateTime[] own = [window.PreviousStart, window.Start, window.End];
            if (boundaries.Count + own.Count(b => !boundaries.Contains(b)) > TimeBuckets.MaxBoundaries)
            {
                yield return chunk;
                (chunk, boundaries) = ([], []);
            }
            chunk.Add(window);
            boundaries.UnionWith(own);
        }
        if (chunk.Count > 0)
            yield return chunk;
    }

    private async Task<IEnumerable<(KpiWindow, OrderFigures)>> RunAsync(
        PersonalizeDbContext db,
        IQueryable<Customer>? scope,
        CancellationToken cancellationToken
    )
    {
        var tally = await CustomersAsync(db, scope, cancellationToken);
        foreach (var segment in await SegmentTotalsAsync(db, scope, cancellationToken))
        foreach (var w in _inWindow[segment.Segment])
            tally.Add(w, segment.Orders, segment.Revenue);
        return _windows.Select((window, w) => (window, tally.Figures(w)));
    }

    // A class with settable properties so EF Core can union its members.
    private sealed class SegmentTotal
    {
        public int Segment { get; init; }
        public int Orders { get; init; }
        public decimal Revenue { get; init; }
    }

    /// <summary>
    /// Orders and revenue per segment inside the windows, which need no customer: one sum per segment over its range
    /// of the time index, all in one UNION ALL. Grouping by segment number instead would sort the orders.
    /// </summary>
    private async Task<List<SegmentTotal>> SegmentTotalsAsync(
        PersonalizeDbContext db,
        IQueryable<Customer>? scope,
        CancellationToken cancellationToken
    )
    {
        var orders = KpiScope.Orders(db, scope);
        return await Enumerable
            .Range(1, _boundaries.Count - 1)
            .Where(segment => _inWindow[segment].Count > 0)
            .Select(segment =>
            {
                var (start, end) = (_boundaries[segment - 1], _boundaries[segment]);
                return orders
                    .Where(o => o.OrderedAt >= start && o.OrderedAt < end)
                    .GroupBy(_ => 1)
                    .Select(g => new SegmentTotal
                    {
                        Segment = segment,
                        Orders = g.Count(),
                        Revenue = g.Sum(o => o.Amount),
                    });
            })
            .Aggregate((all, next) => all.Concat(next))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Buyers, repeat buyers, previous buyers and the retained, tallied customer by customer.</summary>
    private async Task<Tally> CustomersAsync(
        PersonalizeDbContext db,
        IQueryable<Customer>? scope,
        CancellationToken cancellationToken
    )
    {
        // One row per customer with the segments of all its orders, "0,3,3,5,9": SQL groups the orders, and a row per
        // customer, not per order, crosses to .NET. Orders outside the range get segment 0 or the last, which lie in no
        // window; the smallest segment is the first order's. The range is not tested in SQL: a test on the time would
        // make SQLite sort the time index's range instead of reading the customer index in order, and a test on the
        // segment number would search the boundaries twice more per order.
        var customers = new TimeBuckets(_boundaries)
            .InSql(
                KpiScope
                    .Orders(db, scope)
                    .Select(o => new { o.CustomerId, Segment = TimeBuckets.Number(o.OrderedAt) })
                    .GroupBy(o => o.CustomerId)
                    .Select(g => string.Join(",", g.Select(o => SqlText.Unbounded(o.Segment))))
            )
            .AsAsyncEnumerable();
        var tally = new Tally(_windows.Length);
        await foreach (var segments in customers.WithCancellation(cancellationToken))
        {
            tally.Customer++;
            var firstSegment = int.MaxValue;
            foreach (var range in segments.AsSpan().Split(','))
            {
                var segment = int.Parse(segments.AsSpan(range), CultureInfo.InvariantCulture);
                firstSegment = Math.Min(firstSegment, segment);
                foreach (var w in _inWindow[segment])
                    tally.Order(w);
                foreach (var w in _inPrevious[segment])
                    tally.Previous(w);
            }
            tally.Close(firstSegment, _firstSegment);
        }
        return tally;
    }

    /// <summary>The running counts per window, and the current customer's marks, stamped with the customer's ordinal
    /// so that nothing needs clearing between customers.</summary>
    private sealed class Tally(int windows)
    {
        private readonly int[] _orders = new int[windows];
        private readonly decimal[] _revenue = new decimal[windows];
        private readonly int[] _buyers = new int[windows];
        private readonly int[] _repeat = new int[windows];
        private readonly int[] _previous = new int[windows];
        private readonly int[] _retained = new int[windows];

        private readonly int[] _boughtBy = new int[windows];
        private readonly int[] _ordersOfCustomer = new int[windows];
        private readonly int[] _previouslyBoughtBy = new int[windows];
        private readonly List<int> _touched = [];

        /// <summary>The current customer's ordinal, from 1.</summary>
        public int Customer { get; set; }

        public void Add(int w, int orders, decimal revenue)
        {
            _orders[w] += orders;
            _revenue[w] += revenue;
        }

        /// <summary>An order of the current customer in window <paramref name="w"/>.</summary>
        public void Order(int w)
        {
            if (_boughtBy[w] != Customer)
            {
                Touch(w);
                _boughtBy[w] = Customer;
                _ordersOfCustomer[w] = 0;
            }
            _ordersOfCustomer[w]++;
        }

        public void Previous(int w)
        {
            if (_previouslyBoughtBy[w] == Customer)
                return;
            Touch(w);
            _previouslyBoughtBy[w] = Customer;
        }

        private void Touch(int w)
        {
            if (_boughtBy[w] != Customer && _previouslyBoughtBy[w] != Customer)
                _touched.Add(w);
        }

        /// <summary>Counts the current customer in each window it touched.</summary>
        public void Close(int firstSegment, int[] windowFirstSegment)
        {
            foreach (var w in _touched)
            {
                var bought = _boughtBy[w] == Customer;
                if (bought)
                {
                    _buyers[w]++;
                    if (_ordersOfCustomer[w] >= 2 || firstSegment < windowFirstSegment[w])
                        _repeat[w]++;
                }
                if (_previouslyBoughtBy[w] == Customer)
                {
                    _previous[w]++;
                    if (bought)
                        _retained[w]++;
                }
            }
            _touched.Clear();
        }

        public OrderFigures Figures(int w) =>
            new(_orders[w], _revenue[w], _buyers[w], _repeat[w], _previous[w], _retained[w]);
    }
}
