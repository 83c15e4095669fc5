using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Import;

/// <summary>
/// Streams a CSV file through an <see cref="IRowImport{TRow}"/> in batches, all inside one transaction:
/// when a row is bad and bad rows are not to be skipped, the transaction is rolled back and nothing is imported
/// (the rest of the file is still read so that every bad row is reported).
/// </summary>
internal sealed class CsvImportRunner(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
{
    public async Task<ImportSummary> RunAsync<TRow>(
        IRowImport<TRow> import,
        Func<TextReader> open,
        ImportOptions options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
        where TRow : class
    {
        await using var probe = await factory.CreateDbContextAsync(cancellationToken);
        // A retrying strategy (SQL Server) replays the whole import, file included, when the connection drops.
        return await probe
            .Database.CreateExecutionStrategy()
            .ExecuteAsync(ct => RunOnceAsync(import, open, options, progress, ct), cancellationToken);
    }

    private async Task<ImportSummary> RunOnceAsync<TRow>(
        IRowImport<TRow> import,
        Func<TextReader> open,
        ImportOptions options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
        where TRow : class
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var session = new ImportSession(db, options, options.Now ?? clock.GetUtcNow().UtcDateTime);

        using var reader = open();
        string? badField = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badField ??= args.Field,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(reader, config);
        var header = import.HeaderlessColumns?.ToArray();
        if (header is null)
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
                return Refuse(session, import, stopwatch, "the file is empty (a header line is required)");
            header = csv.HeaderRecord!;
        }
        var columns = header
            .Select((name, index) => (name: name.Trim(), index))
            .GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.OrdinalIgnoreCase);
        var missing = import.RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return Refuse(session, import, stopwatch, $"missing column(s): {string.Join(", ", missing)}");

        var row = new CsvRow(csv, columns);
        var batch = new List<Parsed<TRow>>(options.BatchSize);
        while (await csv.ReadAsync())
        {
            session.RowsRead++;
            var line = csv.Parser.RawRow;
            try
            {
                if (badField is not null)
                    throw new RowError($"malformed CSV near '{badField.Trim()}'");
                var parsed = import.Parse(row, session);
                if (parsed is null)
                    continue;
                // Cut batches only between groups, so the lines of one order are written together.
                if (
                    batch.Count >= options.BatchSize
                    && import.GroupKey(parsed) is var key
                    && (key is null || key != import.GroupKey(batch[^1].Row))
                )
                    await FlushAsync(import, batch, session, progress, cancellationToken);
                batch.Add(new Parsed<TRow>(line, parsed));
            }
            catch (RowError e)
            {
                session.ReportBad(line, e.Message);
            }
            finally
            {
                badField = null;
            }
        }
        await FlushAsync(import, batch, session, progress, cancellationToken);

        var committed = session.Bad == 0 || options.SkipInvalid;
        if (committed)
        {
            await session.Customers.SaveFirstSeenAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
            await transaction.RollbackAsync(cancellationToken);
        return Summary(session, import, committed, stopwatch);
    }

    private static async Task FlushAsync<TRow>(
        IRowImport<TRow> import,
        List<Parsed<TRow>> batch,
        ImportSession session,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
        where TRow : class
    {
        if (batch.Count > 0)
            await import.WriteAsync(batch, session, cancellationToken);
        batch.Clear();
        progress?.Report(session.Progress);
    }

    private static ImportSummary Refuse<TRow>(
        ImportSession session,
        IRowImport<TRow> import,
        Stopwatch stopwatch,
        string reason
    )
        where TRow : class
    {
        session.ReportBad(1, reason);
        return Summary(session, import, committed: false, stopwatch);
    }

    private static ImportSummary Summary<TRow>(
        ImportSession session,
        IRowImport<TRow> import,
        bool committed,
        Stopwatch stopwatch
    )
        where TRow : class =>
        new(
            import.What,
            session.RowsRead,
            committed ? session.Imported : 0,
            session.Skipped,
            session.Bad,
            committed,
            session.SkippedBecause,
            committed ? session.Created : new Dictionary<string, long>(),
            session.BadRows,
            stopwatch.Elapsed
        );
}
