using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Personalize.Content;
using Personalize.Data;
using Personalize.Interactions;

namespace Personalize.Seeding;

public sealed record SyntheticCatalogSummary(int Items, int Customers, long Interactions, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"Generated a catalogue of {Items:N0} items and {Interactions:N0} interactions of {Customers:N0} customers in "
        + $"{Elapsed.TotalSeconds:F1} s";
}

/// <summary>
/// A catalogue and the interactions of a generated store's customers (<see cref="SyntheticStoreGenerator"/>), for
/// recommender benchmarks, by a known process. Items fall into <see cref="Tastes"/> tastes of Zipf(0.8) sizes of
/// audience, popularity within a taste is Zipf(1); a tenth of the items are articles (viewed, never bought). Each
/// customer has a main taste (drawn by audience) that 60 % of their picks come from, a second one (uniform) for 25 %,
/// and picks the rest by overall popularity. Every order buys 1 + Poisson(1) products, 30 % of them again among what
/// the customer bought before; a product bought was viewed before with probability 0.6 and put in the cart with 0.5,
/// and each order comes with one browsing view in the main taste. About 5 signals an order, 48 a customer.
/// </summary>
public sealed class SyntheticCatalogGenerator(IDbContextFactory<PersonalizeDbContext> factory)
{
    public const int Tastes = 50;
    private const double MainShare = 0.6,
        SecondShare = 0.25,
        RebuyShare = 0.3,
        ViewedFirst = 0.6,
        CartFirst = 0.5,
        ArticleShare = 0.1;

    public async Task<SyntheticCatalogSummary> GenerateAsync(
        int items,
        DateTime anchor,
        int seed = 7,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, Tastes, nameof(items));
        var stopwatch = Stopwatch.StartNew();
        var rng = new Random(seed);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Three of the interactions' indexes take rows in random order: a page cache that holds them all spares the
        // writes of cache spills.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2097152;", cancellationToken);
        var orders = await db
            .Orders.AsNoTracking()
            .OrderBy(o => o.CustomerId)
            .ThenBy(o => o.OrderedAt)
            .Select(o => new { o.CustomerId, o.OrderedAt })
            .ToListAsync(cancellationToken);
        var firstOrder = orders.Count == 0 ? anchor : orders.Min(o => o.OrderedAt);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var bulk = new BulkInserter(db);
        var catalog = new Catalog(items, rng);
        var created = firstOrder.AddDays(-1);
        var contentIds = new long[items];
        for (var i = 0; i < items; i++)
        {
            var item = new ContentItem
            {
                Slug = $"item-{i + 1}",
                Kind = catalog.IsArticle[i] ? ContentKind.Article : ContentKind.Product,
                Title = $"Item {i + 1}",
                Status = ContentStatus.Published,
                PublishFrom = created,
                CreatedAt = created,
                UpdatedAt = created,
            };
            bulk.Insert([item]);
            contentIds[i] = item.Id;
        }

        long interactions = 0;
        var customers = 0;
        var bought = new List<int>();
        var rows = new List<Interaction>();
        for (int start = 0, end; start < orders.Count; start = end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var customerId = orders[start].CustomerId;
            for (end = start + 1; end < orders.Count && orders[end].CustomerId == customerId; end++) { }
            var main = catalog.MainTaste(rng);
            var second = rng.Next(Tastes);
            bought.Clear();
            rows.Clear();
            for (var o = start; o < end; o++)
            {
                var at = orders[o].OrderedAt;
                void Add(int item, InteractionKind kind, DateTime when) =>
                    rows.Add(
                        new Interaction
                        {
                            CustomerId = customerId,
                            ContentItemId = contentIds[item],
                            Kind = kind,
                            OccurredAt = when,
                        }
                    );
                var lines = 1 + rng.Poisson(1);
                for (var l = 0; l < lines; l++)
                {
                    var product =
                        bought.Count > 0 && rng.NextDouble() < RebuyShare
                            ? bought[rng.Next(bought.Count)]
                            : catalog.Pick(rng, main, second, products: true);
                    if (rng.NextDouble() < ViewedFirst)
                        Add(product, InteractionKind.View, at.AddHours(-rng.NextDouble() * 72));
                    if (rng.NextDouble() < CartFirst)
                        Add(product, InteractionKind.AddToCart, at.AddMinutes(-rng.NextDouble() * 60));
                    Add(product, InteractionKind.Purchase, at);
                    bought.Add(product);
                }
                Add(
                    catalog.Pick(rng, main, main, products: false),
                    InteractionKind.View,
                    at.AddHours(-rng.NextDouble() * 240)
                );
            }
            bulk.Insert(rows, readGeneratedKeys: false);
            interactions += rows.Count;
            if (++customers % 10_000 == 0)
                progress?.Report(interactions);
        }
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(interactions);
        return new SyntheticCatalogSummary(items, customers, interactions, stopwatch.Elapsed);
    }

    /// <summary>Items by taste with their cumulative popularity, to draw from a taste or from the whole
    /// catalogue.</summary>
    private sealed class Catalog
    {
        public readonly bool[] IsArticle;
        private readonly int[][] _byTaste,
            _productsByTaste;
        private readonly double[][] _cumulative,
            _productCumulative;
        private readonly double[] _tasteCumulative;

        public Catalog(int items, Random rng)
        {
            IsArticle = new bool[items];
            var taste = new int[items];
            for (var i = 0; i < items; i++)
                (taste[i], IsArticle[i]) = (rng.Next(Tastes), rng.NextDouble() < ArticleShare);
            _byTaste = Enumerable
                .Range(0, Tastes)
                .Select(t => Enumerable.Range(0, items).Where(i => taste[i] == t).ToArray())
                .ToArray();
            _productsByTaste = _byTaste.Select(l => l.Where(i => !IsArticle[i]).ToArray()).ToArray();
            _cumulative = _byTaste.Select(l => Zipf(l.Length, 1.0)).ToArray();
            _productCumulative = _productsByTaste.Select(l => Zipf(l.Length, 1.0)).ToArray();
            _tasteCumulative = Zipf(Tastes, 0.8);
        }

        public int MainTaste(Random rng) => Draw(_tasteCumulative, rng);

        public int Pick(Random rng, int main, int second, bool products)
        {
            var x = rng.NextDouble();
            var taste =
                x < MainShare ? main
                : x < MainShare + SecondShare ? second
                : Draw(_tasteCumulative, rng);
            var (list, cumulative) = products
                ? (_productsByTaste[taste], _productCumulative[taste])
                : (_byTaste[taste], _cumulative[taste]);
            return list.Length == 0 ? _byTaste.First(l => l.Length > 0)[0] : list[Draw(cumulative, rng)];
        }

        /// <summary>Cumulative weights of ranks 1..n under Zipf(s), the first rank the most likely.</summary>
        private static double[] Zipf(int n, double s)
        {
            var cumulative = new double[n];
            double sum = 0;
            for (var r = 0; r < n; r++)
                cumulative[r] = sum += Math.Pow(r + 1, -s);
            return cumulative;
        }

        private static int Draw(double[] cumulative, Random rng)
        {
            var i = Array.BinarySearch(cumulative, rng.NextDouble() * cumulative[^1]);
            return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
        }
    }
}
