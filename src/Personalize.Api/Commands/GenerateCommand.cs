using System.Globalization;
using Personalize.Data;
using Personalize.Seeding;

namespace Personalize.Api.Commands;

/// <summary>
/// `generate store --customers N [--items M] [--anchor YYYY-MM-DD]`: a large synthetic store for benchmarks, into the
/// configured (empty) database, with --items a catalogue of M items and the customers' interactions with it too;
/// `generate marketing [--anchor YYYY-MM-DD]`: the marketing history a dashboard reads, on top of it.
/// </summary>
public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";
    public string Usage =>
        "generate store --customers N [--items M] [--anchor YYYY-MM-DD] [--seed N]    a synthetic "
        + "store of N customers (~9 orders each) for benchmarks; with --items, M items and ~50 interactions a "
        + "customer\n"
        + "  generate marketing [--anchor YYYY-MM-DD] [--seed N] [--experiment-customers N]    its acquisition "
        + "channels, spend, survey answers, stage history, offer codes (import the offers first) and a win-back "
        + "experiment";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        if (invocation.Positional("customers", "items", "anchor", "seed", "experiment-customers") is ["marketing"])
            return await MarketingAsync(invocation, services, cancellationToken);
        var items = 0;
        if (
            invocation.Positional("customers", "items", "anchor", "seed", "experiment-customers") is not ["store"]
            || !int.TryParse(invocation.Option("customers"), out var customers)
            || customers < 1
            || invocation.Option("items") is { } itemsText
                && (!int.TryParse(itemsText, out items) || items < SyntheticCatalogGenerator.Tastes)
        )
        {
            Console.Error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        var anchor = invocation.Option("anchor") is { } text
            ? DateTime.SpecifyKind(
                DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeKind.Utc
            )
            : DateTime.UtcNow.Date;
        var seed = int.TryParse(invocation.Option("seed"), out var s) ? s : 7;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var summary = await ProgressDisplay.RunAsync<ProgressValue, SyntheticStoreSummary>(
            "Generating a synthetic store",
            progress =>
                services
                    .GetRequiredService<SyntheticStoreGenerator>()
                    .GenerateAsync(customers, anchor, seed, new Progress(progress), cancellationToken),
            p => string.Create(CultureInfo.InvariantCulture, $"{p.Customers:N0} customers, {p.Orders:N0} orders")
        );
        Console.WriteLine(summary.ToString());
        if (items == 0)
            return 0;
        var catalog = await ProgressDisplay.RunAsync<InteractionsWritten, SyntheticCatalogSummary>(
            "Generating a catalogue and interactions",
            progress =>
                services
                    .GetRequiredService<SyntheticCatalogGenerator>()
                    .GenerateAsync(
                        items,
                        anchor,
                        seed,
                        new Progress<long>(n => progress.Report(new InteractionsWritten(n))),
                        cancellationToken
                    ),
            p => string.Create(CultureInfo.InvariantCulture, $"{p.Count:N0} interactions")
        );
        Console.WriteLine(catalog.ToString());
        return 0;
    }

    private async Task<int> MarketingAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        var anchor = invocation.Option("anchor") is { } text
            ? DateTime.SpecifyKind(
                DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeKind.Utc
            )
            : DateTime.UtcNow.Date;
        var seed = int.TryParse(invocation.Option("seed"), out var s) ? s : 11;
        var exposed = int.TryParse(invocation.Option("experiment-customers"), out var e) && e > 0 ? e : 20_000;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var marketing = services.GetRequiredService<MarketingHistory>();
        var import = new Personalize.Import.ImportOptions
        {
            Source = "synthetic",
            RefreshCustomerSummaries = false,
            Now = anchor,
        };
        Console.WriteLine("Generating the marketing history: channels, spend, survey answers, stage history...");
        var summary = await marketing.GenerateAsync(anchor, seed, surveys: true, import, cancellationToken);
        Console.WriteLine("Offer codes and the win-back experiment...");
        var (codes, redeemed) = await marketing.GenerateOffersAsync(anchor, seed + 1, cancellationToken);
        await services.GetRequiredService<DemoExperimentSeeder>().SeedAsync(anchor, cancellationToken, exposed);
        Console.WriteLine(
            (summary with { OfferCodes = codes, Redemptions = redeemed, Elapsed = stopwatch.Elapsed }).ToString()
        );
        return 0;
    }

    private sealed record ProgressValue(long Customers, long Orders);

    private sealed record InteractionsWritten(long Count);

    private sealed class Progress(IProgress<ProgressValue> inner) : IProgress<(long Customers, long Orders)>
    {
        public void Report((long Customers, long Orders) value) =>
            inner.Report(new ProgressValue(value.Customers, value.Orders));
    }
}
