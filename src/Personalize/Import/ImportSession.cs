using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Import;

/// <summary>
/// One run of an import: the context and transaction every batch writes through, the counters, the bad rows,
/// and the lookups shared by the kinds (customers by external id, content items by slug).
/// </summary>
public sealed class ImportSession : IDisposable
{
    private readonly Dictionary<string, long> _skippedBecause = new();
    private readonly Dictionary<string, long> _created = new();
    private readonly List<BadRow> _badRows = [];
    private Dictionary<string, long>? _contentIds;

    internal ImportSession(PersonalizeDbContext db, ImportOptions options, DateTime now)
    {
        Db = db;
        Options = options;
        Now = now;
        Customers = new CustomerResolver(this);
        _bulk = new BulkInserter(db);
    }

    private readonly BulkInserter _bulk;

    public void Dispose() => _bulk.Dispose();

    public PersonalizeDbContext Db { get; }
    public ImportOptions Options { get; }

    /// <summary>The time stamped on rows created or updated by this import.</summary>
    public DateTime Now { get; }
    public CustomerResolver Customers { get; }

    public long RowsRead { get; internal set; }
    public long Imported { get; private set; }
    public long Skipped { get; private set; }
    public long Bad { get; private set; }
    public IReadOnlyList<BadRow> BadRows => _badRows;
    public IReadOnlyDictionary<string, long> SkippedBecause => _skippedBecause;
    public IReadOnlyDictionary<string, long> Created => _created;

    public void ReportBad(long line, string reason)
    {
        Bad++;
        if (_badRows.Count < ImportSummary.MaxBadRowsKept)
            _badRows.Add(new BadRow(line, reason));
    }

    public void ReportSkipped(string reason, long rows = 1)
    {
        Skipped += rows;
        _skippedBecause[reason] = _skippedBecause.GetValueOrDefault(reason) + rows;
    }

    public void ReportImported(long rows = 1) => Imported += rows;

    public void ReportCreated(string what, long count)
    {
        if (count != 0)
            _created[what] = _created.GetValueOrDefault(what) + count;
    }

    /// <summary>Inserts new rows (not their child collections) and sets their generated ids; the one path bulk rows
    /// take.</summary>
    public Task InsertAsync<T>(IEnumerable<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        _bulk.Insert(entities);
        return Task.CompletedTask;
    }

    /// <summary>Saves what the batch added or changed, then clears the tracker so memory stays flat.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        Db.ChangeTracker.DetectChanges();
        await Db.SaveChangesAsync(cancellationToken);
        Db.ChangeTracker.Clear();
    }

    /// <summary>Content item ids by slug, loaded once (the catalog is small next to the rows that refer to
    /// it).</summary>
    public async Task<Dictionary<string, long>> ContentIdsAsync(CancellationToken cancellationToken) =>
        _contentIds ??= await Db.ContentItems.ToDictionaryAsync(
            c => c.Slug,
            c => c.Id,
            StringComparer.Ordinal,
            cancellationToken
        );

    internal ImportProgress Progress => new(RowsRead, Imported, Skipped, Bad);
}
