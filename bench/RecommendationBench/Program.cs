// Server-side latency of recommendations over a 10,000-item catalog: the code a `personalize` resolver runs (load the
// customer, one candidate-cache read, one statement for what they took, the ranking and every business rule), timed
// one request after another with a Stopwatch. The store is generated, imported and trained with the real engine.
// Usage: dotnet run -c Release --project bench/RecommendationBench -- [ITEMS] [CUSTOMERS] [REQUESTS]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifecycle;
using Personalize.Recommendations.Serving;

var items = Arg(0, 10_000);
var customers = Arg(1, 5_000);
var requests = Arg(2, 10_000);
var work = Directory.CreateTempSubdirectory("personalize-bench-recs-").FullName;
var now = DateTime.UtcNow;
var random = new Random(7);

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Personalize"] = $"Data Source={Path.Combine(work, "bench.db")}",
        }
    )
    .Build();
await using var services = new ServiceCollection()
    .AddLogging(l => l.AddFilter(_ => false))
    .AddPersonalizeEngine(configuration)
    .BuildServiceProvider();
var importer = services.GetRequiredService<DataImporter>();
var import = new ImportOptions { Source = "bench", Now = now };
try
{
    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);
    var clock = Stopwatch.StartNew();
    string[] kinds = ["article", "guide", "tutorial", "case_study", "webinar", "video", "testimonial", "product"];
    string[] stages = ["prospect", "new", "active", "at_risk", "lapsed", "loyal"];
    string[] locales = ["fr-FR", "de-DE", "en-GB", "es-ES"];
    var tags = Enumerable.Range(0, 40).Select(t => $"tag{t}").ToArray();

    await Import(
        ImportKind.Content,
        "slug,kind,title,tags,target_stages,channels,locale,publish_from,status",
        Enumerable
            .Range(0, items)
            .Select(i =>
                string.Join(
                    ',',
                    $"item-{i}",
                    kinds[i % kinds.Length],
                    $"Item {i}",
                    $"{tags[i % 40]}|{tags[(i * 7 + 3) % 40]}",
                    random.NextDouble() < 0.3 ? stages[i % 6] : "",
                    random.NextDouble() < 0.8 ? "web|app|email" : "web",
                    random.NextDouble() < 0.3 ? locales[i % 4] : "",
                    Iso(
                        random.NextDouble() < 0.02
                            ? now.AddDays(-random.Next(1, 20))
                            : now.AddDays(-random.Next(30, 700))
                    ),
                    random.NextDouble() < 0.95 ? "published" : "draft"
                )
            )
    );
    await Import(
        ImportKind.Customers,
        "customer_id,locale,consent_personalization",
        Enumerable
            .Range(0, customers)
            .Select(c => $"c{c},{(c % 3 == 0 ? locales[c % 4] : "")},{(c % 10 == 0 ? "false" : "true")}")
    );
    await Import(
        ImportKind.Orders,
        "customer_id,order_id,ordered_at,amount",
        Enumerable
            .Range(0, customers)
            .SelectMany(c =>
                Enumerable
                    .Range(0, c % 6)
                    .Select(o => $"c{c},o{c}-{o},{Iso(now.AddDays(-random.Next(1, 700)))},{random.Next(10, 300)}")
            )
    );
    // Skewed popularity within a taste cluster per customer, so co-occurrence has something to find.
    await Import(
        ImportKind.Interactions,
        "customer_id,item_id,kind,occurred_at",
        Enumerable
            .Range(0, customers)
            .SelectMany(c =>
            {
                var cluster = c % 50 * (items / 50);
                return Enumerable
                    .Range(0, 10 + c % 50)
                    .Select(_ =>
                    {
                        var item =
                            random.NextDouble() < 0.7
                                ? cluster + (int)(Math.Pow(random.NextDouble(), 3) * (items / 50))
                                : (int)(Math.Pow(random.NextDouble(), 4) * items);
                        var kind = random.NextDouble() switch
                        {
                            < 0.6 => "view",
                            < 0.8 => "click",
                            < 0.9 => "purchase",
                            < 0.95 => "like",
                            _ => "add_to_cart",
                        };
                        return $"c{c},item-{item},{kind},{Iso(now.AddDays(-random.NextDouble() * 180))}";
                    });
            })
    );
    await services.GetRequiredService<CustomerSummaryRefresher>().RefreshAllAsync(now, default);
    Console.WriteLine(
        F($"Generated and imported {items:N0} items, {customers:N0} customers in {clock.Elapsed.TotalSeconds:0.0} s")
    );
    var training = await services.GetRequiredService<RecommenderTrainer>().TrainAsync(now, trainingCustomers: 1500);
    Console.WriteLine(training.ToString());

    await services
        .GetRequiredService<PlacementService>()
        .UpsertAsync(
            new PlacementInput(
                "home",
                MaxPerKind: 3,
                MaxPerTag: 3,
                Pinned: ["item-5", "item-77"],
                Buried: ["item-1", "item-2"],
                Excluded: ["item-3"]
            ),
            default
        );
    var snapshots = services.GetRequiredService<RecommendationSnapshots>();
    var snapshot = await snapshots.RefreshAsync(default);
    var customerQueries = services.GetRequiredService<CustomerQueries>();
    var recommender = services.GetRequiredService<RecommendationService>();
    var request = new RecommendationRequest(10, "home", Channel.Web);
    var ids = Enumerable.Range(0, customers).Select(c => $"c{c}").ToArray();

    async Task<int> Personalize(string id)
    {
        var found = await customerQueries.ByExternalIdsAsync([id], default);
        return (await recommender.RecommendAsync([found[id]], request, default))[0].Count;
    }

    foreach (var id in ids)
        await Personalize(id); // warm-up: every candidate list is read once into the in-process cache
    var end2end = new double[requests];
    var counted = 0L;
    for (var r = 0; r < requests; r++)
    {
        var started = Stopwatch.GetTimestamp();
        counted += await Personalize(ids[random.Next(ids.Length)]);
        end2end[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    Print("personalize path (customer + candidates + taken items + ranking)", end2end, counted);

    // The ranking and rules alone, over the in-memory snapshot and lists.
    var options = services.GetRequiredService<IOptions<RecommendationOptions>>().Value;
    var lists = await services
        .GetRequiredService<CandidateReader>()
        .GetManyAsync(Enumerable.Range(1, customers).Select(i => (long)i).ToList(), 0, default);
    var ranking = new double[requests];
    counted = 0;
    for (var r = 0; r < requests; r++)
    {
        var id = random.Next(1, customers + 1);
        var customer = new RecommendationCustomer(
            id,
            (LifecycleStage)(id % 6),
            id % 10 != 0,
            null,
            lists.GetValueOrDefault(id),
            RecommendationCustomer.NoItems,
            RecommendationCustomer.NoItems
        );
        var started = Stopwatch.GetTimestamp();
        counted += RecommendationRanker.Rank(snapshot, customer, request, DateTime.UtcNow, options).Count;
        ranking[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    Print("ranking and business rules only", ranking, counted);
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

async Task Import(ImportKind kind, string header, IEnumerable<string> rows)
{
    var text = new StringBuilder(header).Append('\n');
    foreach (var row in rows)
        text.Append(row).Append('\n');
    var csv = text.ToString();
    var summary = await importer.ImportAsync(kind, () => new StringReader(csv), import);
    if (!summary.Committed)
        throw new InvalidOperationException(summary.ToString());
}

void Print(string what, double[] ms, long recommended)
{
    Array.Sort(ms);
    double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
    Console.WriteLine(
        F(
            $"{what}: {ms.Length:N0} requests of 10 over {items:N0} items ({recommended / (double)ms.Length:0.0} returned on average): median {P(0.5):0.000} ms, p95 {P(0.95):0.000} ms, p99 {P(0.99):0.000} ms, max {ms[^1]:0.000} ms"
        )
    );
}

int Arg(int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
