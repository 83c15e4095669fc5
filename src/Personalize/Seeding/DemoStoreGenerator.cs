using System.Globalization;
using CsvHelper;

namespace Personalize.Seeding;

/// <summary>
/// Simulates the history of an outdoor-sports shop's customers in the import formats: who they are, when they buy
/// (each buyer has a purchase rate drawn from a gamma and a dropout chance after each purchase drawn from a beta,
/// as BG/NBD assumes), what they browse (mostly content about their favourite sport) and what they answer in surveys.
/// Everything is drawn from one seeded <see cref="Random"/> and expressed relative to the anchor date.
/// </summary>
internal sealed class DemoStoreGenerator
{
    private const int HistoryDays = 3 * 365;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Country, string[] Locales, double Weight)[] Countries =
    [
        ("FR", ["fr-FR"], 25),
        ("DE", ["de-DE"], 18),
        ("GB", ["en-GB"], 17),
        ("ES", ["es-ES"], 10),
        ("IT", ["it-IT"], 9),
        ("US", ["en-US"], 8),
        ("NL", ["nl-NL"], 4),
        ("BE", ["fr-BE", "nl-BE"], 3),
        ("CH", ["de-CH", "fr-CH"], 3),
        ("SE", ["sv-SE"], 2),
        ("AT", ["de-AT"], 1),
    ];

    private static readonly string[] FirstNames =
    [
        "Camille",
        "Lucas",
        "Emma",
        "Hugo",
        "Lea",
        "Jonas",
        "Mia",
        "Felix",
        "Olivia",
        "Noah",
        "Sofia",
        "Mateo",
        "Giulia",
        "Marco",
        "Anna",
        "Liam",
        "Chloe",
        "Leon",
        "Ines",
        "Paul",
        "Clara",
        "Elias",
        "Alice",
        "Tom",
        "Lucia",
        "Pablo",
        "Freya",
        "Oscar",
        "Julia",
        "Louis",
        "Nora",
        "Ben",
    ];

    private static readonly string[] LastNames =
    [
        "Martin",
        "Bernard",
        "Dubois",
        "Muller",
        "Schmidt",
        "Schneider",
        "Smith",
        "Jones",
        "Taylor",
        "Garcia",
        "Martinez",
        "Lopez",
        "Rossi",
        "Russo",
        "Bianchi",
        "Johnson",
        "Brown",
        "de Vries",
        "Jansen",
        "Peeters",
        "Meier",
        "Andersson",
        "Huber",
        "Moreau",
        "Lambert",
        "Weber",
    ];

    private static readonly (string Kind, double Weight)[] BrowseKinds =
    [
        ("view", 55),
        ("click", 20),
        ("like", 8),
        ("share", 3),
        ("dismiss", 8),
        ("add_to_cart", 6),
    ];

    private readonly Random _rng;
    private readonly DateTime _anchor;
    private readonly List<Product> _products;
    private readonly List<(string Slug, string Category)> _stories;

    private sealed record Product(string Id, string Name, string Category, decimal Price);

    public DemoStoreGenerator(string seedDirectory, DateTime anchor, int seed)
    {
        _rng = new Random(seed);
        _anchor = anchor.Date;
        _products = ReadCsv(Path.Combine(seedDirectory, "products.csv"), r => new Product(
            r.GetField("product_id")!,
            r.GetField("name")!,
            r.GetField("category")!,
            decimal.Parse(r.GetField("price")!, Inv)
        ));
        _stories = ReadCsv(Path.Combine(seedDirectory, "content.csv"), r =>
                (
                    Slug: r.GetField("slug")!,
                    Kind: r.GetField("kind")!,
                    Tags: r.GetField("tags")!,
                    Status: r.GetField("status")!
                )
            )
            .Where(c => c.Kind != "product" && c.Status == "published")
            .Select(c => (c.Slug, Category: c.Tags.Split('|')[0]))
            .ToList();
    }

    public List<string> Customers { get; } =
    ["customer_id,email,name,country,locale,created_at,consent_personalization,consent_email_marketing"];
    public List<string> Orders { get; } =
    ["customer_id,order_id,ordered_at,amount,currency,margin,product_id,product_name,quantity,unit_price"];
    public List<string> Interactions { get; } = ["customer_id,item_id,kind,occurred_at,weight"];
    public List<string> Surveys { get; } = ["customer_id,kind,score,responded_at,comment"];

    public DemoStoreGenerator Generate(int customers)
    {
        var categories = _products.Select(p => p.Category).Distinct().ToList();
        var orderNumber = 0;
        for (var n = 1; n <= customers; n++)
        {
            var id = $"C{n:00000}";
            var (country, locales, _) = _rng.Weighted(Countries.Select(c => (c, c.Weight)).ToList());
            var first = _rng.Pick(FirstNames);
            var last = _rng.Pick(LastNames);
            // More sign-ups lately: the shop grows.
            var signup = _anchor
                .AddDays(-HistoryDays * (1 - Math.Sqrt(_rng.NextDouble())))
                .AddMinutes(_rng.Next(24 * 60));
            var consentPersonalization = _rng.NextDouble() < 0.8;
            var consentEmail = _rng.NextDouble() < 0.6;
            Customers.Add(
                string.Join(
                    ',',
                    id,
                    $"{first}.{last.Replace(" ", "")}{n}@example.com".ToLowerInvariant(),
                    $"{first} {last}",
                    country,
                    _rng.Pick(locales),
                    Iso(signup),
                    consentPersonalization ? "true" : "false",
                    consentEmail ? "true" : "false"
                )
            );

            var interest = _rng.Pick(categories);
            var lastActive = SimulateOrders(id, signup, interest, ref orderNumber);
            if (consentPersonalization)
                Browse(id, signup, lastActive ?? signup.AddDays(60), interest);
        }
        return this;
    }

    /// <returns>The last order's time, or null for a customer who never ordered.</returns>
    private DateTime? SimulateOrders(string customer, DateTime signup, string interest, ref int orderNumber)
    {
        if (_rng.NextDouble() < 0.14)
            return null;
        var perYear = _rng.Gamma(1.8, 9.0);
        var dropout = _rng.Beta(1.0, 22.0);
        var t = signup.AddDays(_rng.Exponential(15));
        DateTime? last = null;
        var count = 0;
        while (t < _anchor)
        {
            count++;
            last = t;
            WriteOrder(customer, $"SO-{++orderNumber:000000}", t, interest, count);
            if (_rng.NextDouble() < dropout)
                break;
            t = t.AddDays(_rng.Exponential(365 / perYear));
        }
        return last;
    }

    private void WriteOrder(string customer, string orderId, DateTime at, string interest, int nth)
    {
        var lineCount = _rng.Weighted<int>([(1, 50), (2, 30), (3, 15), (4, 5)]);
        var lines = Enumerable
            .Range(0, lineCount)
            .Select(_ =>
            {
                var product =
                    _rng.NextDouble() < 0.65
                        ? _rng.Pick(_products.Where(p => p.Category == interest).ToList())
                        : _rng.Pick(_products);
                return (Product: product, Quantity: _rng.Weighted<int>([(1, 85), (2, 12), (3, 3)]));
            })
            .ToList()
            // A product drawn twice is one line with both quantities, as a till would print it.
            .GroupBy(l => l.Product)
            .Select(g => (Product: g.Key, Quantity: g.Sum(l => l.Quantity)))
            .ToList();
        var amount = lines.Sum(l => l.Product.Price * l.Quantity);
        var margin = Math.Round(amount * (decimal)(0.35 + 0.1 * _rng.NextDouble()), 2);
        foreach (var (product, quantity) in lines)
            Orders.Add(
                string.Join(
                    ',',
                    customer,
                    orderId,
                    Iso(at),
                    Money(amount),
                    "EUR",
                    Money(margin),
                    product.Id,
                    Csv(product.Name),
                    quantity,
                    Money(product.Price)
                )
            );

        var first = lines[0].Product;
        var item = "product-" + first.Id.ToLowerInvariant();
        if (_rng.NextDouble() < 0.5)
            Interactions.Add(
                string.Join(',', customer, item, "add_to_cart", Iso(at.AddMinutes(-_rng.Next(5, 90))), "")
            );
        Interactions.Add(string.Join(',', customer, item, "purchase", Iso(at), lines[0].Quantity));

        var surveyAt = at.AddDays(2 + _rng.Next(5));
        if (surveyAt >= _anchor)
            return;
        if (_rng.NextDouble() < 0.05)
            Surveys.Add(
                string.Join(
                    ',',
                    customer,
                    "csat",
                    _rng.Weighted<int>([(5, 45), (4, 30), (3, 12), (2, 8), (1, 5)]),
                    Iso(surveyAt),
                    ""
                )
            );
        else if (_rng.NextDouble() < 0.03)
        {
            // Repeat buyers recommend the shop more readily.
            var score = Math.Clamp((int)Math.Round(6 + Math.Min(nth, 8) * 0.4 + _rng.Normal() * 2), 0, 10);
            Surveys.Add(
                string.Join(',', customer, "nps", score, Iso(surveyAt), score <= 4 ? "Delivery took too long" : "")
            );
        }
    }

    private void Browse(string customer, DateTime from, DateTime until, string interest)
    {
        until = until.AddDays(30) < _anchor ? until.AddDays(30) : _anchor;
        var span = Math.Max(1, (until - from).TotalMinutes);
        var count = (int)_rng.Exponential(9);
        var favourites = _stories.Where(s => s.Category == interest).ToList();
        for (var i = 0; i < count; i++)
        {
            var kind = _rng.Weighted(BrowseKinds);
            var at = from.AddMinutes(_rng.NextDouble() * span);
            var slug =
                kind == "add_to_cart"
                    ? "product-"
                        + _rng.Pick(_products.Where(p => p.Category == interest).ToList()).Id.ToLowerInvariant()
                    : (
                        _rng.NextDouble() < 0.7 && favourites.Count > 0 ? _rng.Pick(favourites) : _rng.Pick(_stories)
                    ).Slug;
            Interactions.Add(string.Join(',', customer, slug, kind, Iso(at), ""));
        }
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);

    private static string Money(decimal d) => d.ToString("0.00", Inv);

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    private static List<T> ReadCsv<T>(string path, Func<CsvReader, T> map)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Inv);
        csv.Read();
        csv.ReadHeader();
        var result = new List<T>();
        while (csv.Read())
            result.Add(map(csv));
        return result;
    }
}
