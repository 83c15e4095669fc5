using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Data;
using Personalize.Import.Cdnow;
using Personalize.Import.OnlineRetail;
using Personalize.Lifecycle;

namespace Personalize.Import;

/// <summary>
/// The import engine: streams a file of one kind into the database in batches, in one transaction. A file with bad rows
/// imports nothing unless <see cref="ImportOptions.SkipInvalid"/>; re-importing a file changes nothing.
/// </summary>
public sealed class DataImporter(
    IDbContextFactory<PersonalizeDbContext> factory,
    CustomerSummaryRefresher refresher,
    CustomerNearCache nearCache,
    TimeProvider clock,
    Privacy.KeyedHash keys
)
{
    public Task<ImportSummary> ImportFileAsync(
        ImportKind kind,
        string path,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default
    ) =>
        kind == ImportKind.Segments
            ? ImportSegmentsAsync(path, options ?? new ImportOptions(), cancellationToken)
            : ImportAsync(kind, () => new StreamReader(path), options, progress, cancellationToken);

    /// <param name="open">Opens the CSV text; called again if a retrying database connection replays the import.</param>
    public async Task<ImportSummary> ImportAsync(
        ImportKind kind,
        Func<TextReader> open,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default
    ) =>
        kind switch
        {
            ImportKind.Customers => await RunAsync(new CustomerImport(), open, options, progress, cancellationToken),
            ImportKind.Orders => await RunAsync(new OrderImport(), open, options, progress, cancellationToken),
            ImportKind.Interactions => await RunAsync(
                new InteractionImport(keys),
                open,
                options,
                progress,
                cancellationToken
            ),
            ImportKind.Content => await RunAsync(new ContentImport(), open, options, progress, cancellationToken),
            ImportKind.Offers => await RunAsync(new OfferImport(), open, options, progress, cancellationToken),
            ImportKind.Surveys => await RunAsync(new SurveyImport(keys), open, options, progress, cancellationToken),
            ImportKind.Spend => await RunAsync(new SpendImport(), open, options, progress, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(
                nameof(kind),
                kind,
                "Segments are imported from JSON: use ImportFileAsync."
            ),
        };

    /// <summary>The UCI Online Retail log as published; orders get the source "online-retail".</summary>
    public Task<ImportSummary> ImportOnlineRetailAsync(
        string path,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default
    ) =>
        RunAsync(
            new OnlineRetailImport(),
            () => new StreamReader(path),
            (options ?? new ImportOptions()) with
            {
                Source = OnlineRetailImport.Source,
            },
            progress,
            cancellationToken
        );

    /// <summary>The CDNOW master file or 1/10th sample of Fader &amp; Hardie (whitespace-separated); orders get the
    /// source "cdnow".</summary>
    public Task<ImportSummary> ImportCdnowAsync(
        string path,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default
    ) =>
        RunAsync(
            new CdnowImport(),
            () => new WhitespaceSeparatedReader(new StreamReader(path)),
            (options ?? new ImportOptions()) with
            {
                Source = CdnowImport.Source,
            },
            progress,
            cancellationToken
        );

    public async Task<ImportSummary> ImportSegmentsAsync(
        string path,
        ImportOptions options,
        CancellationToken cancellationToken = default
    )
    {
        await using var json = File.OpenRead(path);
        return await new SegmentImport(factory, clock).ImportAsync(json, options, cancellationToken);
    }

    private async Task<ImportSummary> RunAsync<TRow>(
        IRowImport<TRow> import,
        Func<TextReader> open,
        ImportOptions? options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
        where TRow : class
    {
        options ??= new ImportOptions();
        var summary = await new CsvImportRunner(factory, clock).RunAsync(
            import,
            open,
            options,
            progress,
            cancellationToken
        );
        if (summary.Committed && summary.Imported > 0)
            nearCache.InvalidateAll();
        if (
            summary.Committed
            && summary.Imported > 0
            && import.AffectsCustomerSummaries
            && options.RefreshCustomerSummaries
        )
        {
            await refresher.RefreshAllAsync(options.StagesAsOf, cancellationToken);
        }
        return summary;
    }
}
