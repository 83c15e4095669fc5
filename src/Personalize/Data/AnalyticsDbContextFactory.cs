using Microsoft.EntityFrameworkCore;

namespace Personalize.Data;

/// <summary>
/// Contexts for the KPI and dashboard reads, which scan whole indexes. On SQLite they come from a pool of their own
/// whose connections are read-only and map the database file (<see cref="SqliteConnectionPragmas"/>), and at most one
/// per core is leased at a time: the scans are CPU-bound, so more would only interleave, and each mapping counts the
/// file's pages it touched in the process's resident size once more (they are the OS page cache, not a copy). A lease
/// ends when the context is disposed. On SQL Server this is the ordinary factory.
/// </summary>
public sealed class AnalyticsDbContextFactory(IDbContextFactory<PersonalizeDbContext> inner, int? maxLeases)
{
    private readonly SemaphoreSlim? _leases = maxLeases is { } max ? new SemaphoreSlim(max, max) : null;

    public async Task<PersonalizeDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        if (_leases is null)
            return await inner.CreateDbContextAsync(cancellationToken);
        await _leases.WaitAsync(cancellationToken);
        try
        {
            var db = await inner.CreateDbContextAsync(cancellationToken);
            db.WhenReturned(() => _leases.Release());
            return db;
        }
        catch
        {
            _leases.Release();
            throw;
        }
    }
}
