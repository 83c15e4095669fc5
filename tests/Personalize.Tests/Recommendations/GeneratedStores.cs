using Personalize.Content;
using Personalize.Interactions;
using Personalize.Recommendations;

namespace Personalize.Tests.Recommendations;

/// <summary>
/// Small stores of known generating process, 120 days of signals from <see cref="Start"/>, for the selection tests.
/// Each returns the events (customer, item, day offset) so that the same store can be imported as a CSV or built as a
/// log.
/// </summary>
public static class GeneratedStores
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int Days = 120;
    public static DateTime End => Start.AddDays(Days);

    public sealed record Store(
        string Name,
        ContentKind Kind,
        int Items,
        IReadOnlyList<(int Customer, int Item, double Day)> Events
    )
    {
        public SignalLog Log()
        {
            var builder = new SignalLog.Builder();
            for (var i = 0; i < Items; i++)
                builder.AddItem(i + 1, Kind, Start.AddDays(-365));
            var interaction = Kind == ContentKind.Product ? InteractionKind.Purchase : InteractionKind.View;
            foreach (var (customer, item, day) in Events)
                builder.AddSignal(
                    customer + 1,
                    item + 1,
                    Start.AddDays(day),
                    SignalWeights.Default.Of(interaction, null)
                );
            return builder.Build();
        }
    }

    /// <summary>
    /// Content consumed once: customers and items have latent factors (one of <paramref name="clusters"/> tastes each,
    /// items evenly spread), a customer views ~15 distinct articles drawn 85 % from their own taste, item popularity
    /// flat. Co-occurrence models (EASE, kNN) can learn the tastes; popularity cannot.
    /// </summary>
    public static Store LatentFactors(
        int customers = 400,
        int items = 200,
        int clusters = 8,
        int seed = 1,
        ContentKind kind = ContentKind.Article
    )
    {
        var random = new Random(seed);
        var events = new List<(int, int, double)>();
        for (var c = 0; c < customers; c++)
        {
            var taste = random.Next(clusters);
            var taken = new HashSet<int>();
            var count = 10 + random.Next(11);
            while (taken.Count < count)
            {
                var cluster = random.NextDouble() < 0.85 ? taste : random.Next(clusters);
                var item = cluster + clusters * random.Next(items / clusters);
                if (taken.Add(item))
                    events.Add((c, item, random.NextDouble() * Days));
            }
        }
        return new Store("latent factors, consumed once", kind, items, events);
    }

    /// <summary>
    /// A long-tail catalogue without personal structure: every purchase is an independent draw from a Zipf(1.1)
    /// popularity over 2,000 products, customers differ only in how much they buy. Popularity is the truth.
    /// </summary>
    public static Store LongTail(int customers = 500, int items = 2000, int seed = 2)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(1, items).Select(r => Math.Pow(r, -1.1)).ToArray();
        var cumulative = new double[items];
        double sum = 0;
        for (var i = 0; i < items; i++)
            cumulative[i] = sum += weights[i];
        var events = new List<(int, int, double)>();
        for (var c = 0; c < customers; c++)
        {
            var count = 3 + random.Next(15);
            for (var n = 0; n < count; n++)
            {
                var item = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                events.Add((c, item < 0 ? ~item : item, random.NextDouble() * Days));
            }
        }
        return new Store("long tail", ContentKind.Product, items, events);
    }

    /// <summary>
    /// Repeat-heavy groceries: the catalogue falls into 10 aisles of tastes; each customer has 6 staples from their
    /// aisle, rebought (each with probability 1/2) on trips every 5-15 days, and every 20 days one staple is swapped
    /// for another product of the aisle; a trip also holds one other product of the aisle 60 % of the time. Recent
    /// purchases predict better than old ones, and customers of the same aisle predict the next staples.
    /// </summary>
    public static Store Repeats(int customers = 300, int items = 300, int seed = 3)
    {
        const int aisles = 10;
        var random = new Random(seed);
        var events = new List<(int, int, double)>();
        int FromAisle(int aisle) => aisle + aisles * random.Next(items / aisles);
        for (var c = 0; c < customers; c++)
        {
            var aisle = random.Next(aisles);
            var staples = Enumerable.Range(0, 6).Select(_ => FromAisle(aisle)).ToList();
            var nextSwap = 20 * random.NextDouble();
            for (var day = random.NextDouble() * 10; day < Days; day += 5 + random.NextDouble() * 10)
            {
                while (day > nextSwap)
                {
                    staples[random.Next(staples.Count)] = FromAisle(aisle);
                    nextSwap += 20;
                }
                foreach (var staple in staples.Distinct())
                    if (random.NextDouble() < 0.5)
                        events.Add((c, staple, day));
                if (random.NextDouble() < 0.6)
                    events.Add((c, FromAisle(aisle), day));
            }
        }
        return new Store("repeat-heavy", ContentKind.Product, items, events);
    }
}
