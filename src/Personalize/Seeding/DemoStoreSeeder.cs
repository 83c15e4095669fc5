using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifecycle;
using Personalize.Loyalty;
using Personalize.Offers;
using Personalize.Recommendations.Serving;
using Personalize.Scores;

namespace Personalize.Seeding;

/// <summary>Progress of the seeding: the step under way and its rows.</summary>
public sealed record SeedProgress(string Step, ImportProgress Rows);

/// <summary>What the seeding did: one import summary per file, in order.</summary>
public sealed record SeedSummary(DateTime AnchorDate, IReadOnlyList<ImportSummary> Steps, TimeSpan Elapsed)
{
    public long Created(string what) => Steps.Sum(s => s.CreatedOf(what));

    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Seeded the demo store (anchor {AnchorDate:yyyy-MM-dd}): {Created("customers"):N0} customers, "
                + $"{Created("orders"):N0} orders, "
                + $"{Created("interactions"):N0} interactions, {Created("survey responses"):N0} survey responses, "
                + $"{Created("content items"):N0} content items, "
                + $"{Created("offers"):N0} offers, {Created("segments"):N0} segments in {Elapsed.TotalSeconds:0.0} s"
        );
}

/// <summary>
/// Loads the demo store — the catalog files in seed/ and a generated customer history — through the import engine,
/// gives it a marketing history (acquisition channels, spend, stage history, a year of offer codes: <see
/// cref="MarketingHistory"/>), then scores it as of the anchor date, gives every order its loyalty points, runs a demo
/// experiment, creates the placements of seed/placements.json and trains the recommender as of the anchor date, so the
/// first start answers with real recommendations and offers. Refuses a database that already has customers.
/// </summary>
public sealed class DemoStoreSeeder(
    DataImporter importer,
    MarketingHistory marketing,
    ScoreRecomputer scores,
    LoyaltyRebuilder loyalty,
    DemoExperimentSeeder experiment,
    PlacementService placements,
    RecommenderTrainer recommender,
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<DemoStoreOptions> options,
    IOptions<OffersOptions> offers,
    TimeProvider clock,
    ILogger<DemoStoreSeeder> logger
)
{
    public const string DemoSource = "demo-store";

    /// <summary>Enough for the demo store's 5,000 customers, and a quicker first start than the default.</summary>
    public const int DemoTrainingCustomers = 600;

    public string SeedDirectory => options.Value.Directory ?? Path.Combine(AppContext.BaseDirectory, "seed");

    public async Task<bool> HasCustomersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Customers.AnyAsync(cancellationToken);
    }

    /// <exception cref="InvalidOperationException">The database has customers already, or a seed file is
    /// invalid.</exception>
    public async Task<SeedSummary> SeedAsync(
        IProgress<SeedProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        if (await HasCustomersAsync(cancellationToken))
            throw new InvalidOperationException(
                "The database already has customers; the demo store is only loaded into an empty database."
            );
        var stopwatch = Stopwatch.StartNew();
        var anchor = DateTime.SpecifyKind(
            (options.Value.AnchorDate ?? clock.GetUtcNow().UtcDateTime).Date,
            DateTimeKind.Utc
        );
        var dir = SeedDirectory;
        var import = new ImportOptions
        {
            Source = DemoSource,
            RefreshCustomerSummaries = false,
            Now = anchor,
        };
        var history = new DemoStoreGenerator(dir, anchor, options.Value.RandomSeed).Generate(options.Value.Customers);
        var steps = new List<ImportSummary>();

        async Task Step(string name, Func<IProgress<ImportProgress>, Task<ImportSummary>> run)
        {
            var summary = await run(new Forward(progress, name));
            steps.Add(summary);
            logger.LogInformation("{Summary}", summary);
            if (!summary.Committed)
                throw new InvalidOperationException(
                    $"Seeding stopped: {summary}; {string.Join("; ", summary.BadRows.Take(5))}"
                );
        }

        await Step("segments", _ =>
            importer.ImportSegmentsAsync(Path.Combine(dir, "segments.json"), import, cancellationToken)
        );
        await Step("content", p =>
            importer.ImportFileAsync(ImportKind.Content, Path.Combine(dir, "content.csv"), import, p, cancellationToken)
        );
        await Step("offers", p =>
            importer.ImportFileAsync(ImportKind.Offers, Path.Combine(dir, "offers.csv"), import, p, cancellationToken)
        );
        await Step("customers", p =>
            importer.ImportAsync(
                ImportKind.Customers,
                () => new LinesReader(history.Customers),
                import,
                p,
                cancellationToken
            )
        );
        await Step("orders", p =>
            importer.ImportAsync(ImportKind.Orders, () => new LinesReader(history.Orders), import, p, cancellationToken)
        );
        await Step("interactions", p =>
            importer.ImportAsync(
                ImportKind.Interactions,
                () => new LinesReader(history.Interactions),
                import,
                p,
                cancellationToken
            )
        );
        await Step("surveys", p =>
            importer.ImportAsync(
                ImportKind.Surveys,
                () => new LinesReader(history.Surveys),
                import,
                p,
                cancellationToken
            )
        );
        var story = await marketing.GenerateAsync(
            anchor,
            options.Value.RandomSeed + 1,
            surveys: false,
            import,
            cancellationToken
        );
        logger.LogInformation(
            "{Summary}",
            await scores.RecomputeAsync(DateOnly.FromDateTime(anchor), cancellationToken: cancellationToken)
        );
        logger.LogInformation("{Summary}", await loyalty.RebuildAsync(cancellationToken: cancellationToken));
        await AssignDemoCodeAsync(cancellationToken);
        var (codes, redeemed) = await marketing.GenerateOffersAsync(
            anchor,
            options.Value.RandomSeed + 2,
            cancellationToken
        );
        logger.LogInformation("{Summary}", story with { OfferCodes = codes, Redemptions = redeemed });
        await experiment.SeedAsync(anchor, cancellationToken);
        await SeedPlacementsAsync(Path.Combine(dir, "placements.json"), cancellationToken);
        await recommender.TrainAsync(
            anchor,
            trainingCustomers: DemoTrainingCustomers,
            cancellationToken: cancellationToken
        );

        var result = new SeedSummary(anchor, steps, stopwatch.Elapsed);
        logger.LogInformation("{Summary}", result);
        return result;
    }

    /// <summary>The redemption code the demo store hands customer C00003 (SAVE20), so a checkout can be tried at
    /// once.</summary>
    public const string DemoCode = "DEMO-SAVE-2020";

    /// <summary>
    /// Gives <see cref="DemoCode"/> to C00003 at the till an hour before their last order, which redeemed it: the code
    /// lived the usual <see cref="OffersOptions.AssignmentDays"/>, and the storefront's redeem operation in
    /// schema/operations shows the retry of that checkout, which returns the same redemption and counts once.
    /// </summary>
    private async Task AssignDemoCodeAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.ExternalId == "C00003", cancellationToken);
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Code == "SAVE20", cancellationToken);
        if (customer?.LastOrderAt is not { } lastOrder || offer is null)
            return;
        var order = await db.Orders.FirstAsync(
            o => o.CustomerId == customer.Id && o.OrderedAt == lastOrder,
            cancellationToken
        );
        var assignedAt = lastOrder.AddHours(-1);
        var expiresAt = assignedAt.AddDays(offers.Value.AssignmentDays);
        db.OfferAssignments.Add(
            new OfferAssignment
            {
                Code = DemoCode,
                OfferId = offer.Id,
                CustomerId = customer.Id,
                Round = 1,
                Channel = Common.Channel.Web,
                AssignedAt = assignedAt,
                ExpiresAt = offer.ValidUntil < expiresAt ? offer.ValidUntil.Value : expiresAt,
                Stage = customer.Stage,
                CustomerValue = customer.PredictedClv ?? 0m,
                DaysSinceLastOrder = null,
                RedeemProbability = 0,
                ExpectedNetValue = 0,
                Reason = "demo store: a code handed out at the till",
                RedeemedAt = lastOrder,
                RedeemedOrderId = order.Id,
                CostCharged = offer.Cost,
            }
        );
        offer.BudgetSpent += offer.Cost;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedPlacementsAsync(string path, CancellationToken cancellationToken)
    {
        var inputs = JsonSerializer.Deserialize<PlacementInput[]>(
            await File.ReadAllTextAsync(path, cancellationToken),
            JsonSerializerOptions.Web
        ) ?? [];
        foreach (var input in inputs)
            if ((await placements.UpsertAsync(input, cancellationToken)).Errors is [var first, ..])
                throw new InvalidOperationException(
                    $"Seeding stopped: placement '{input.Id}': {first.Field}: {first.Message}"
                );
    }

    private sealed class Forward(IProgress<SeedProgress>? inner, string step) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => inner?.Report(new SeedProgress(step, value));
    }
}
