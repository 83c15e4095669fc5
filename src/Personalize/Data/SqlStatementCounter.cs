using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Personalize.Data;

/// <summary>
/// Counts the SQL statements sent, so tests can prove a query costs a constant number of them. Background jobs
/// (webhook delivery, the event feed and scans) run inside <see cref="Background"/> and are not counted: they poll on
/// their own clock, and a count that included them would depend on when a test ran.
/// </summary>
public sealed class SqlStatementCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<bool> InBackground = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Statements sent from here on, in this flow of work, are a background job's.</summary>
    public static IDisposable Background()
    {
        InBackground.Value = true;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => InBackground.Value = false;
    }

    private void Add()
    {
        if (!InBackground.Value)
            Interlocked.Increment(ref _count);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result
    )
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default
    )
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result
    )
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default
    )
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result
    )
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        Add();
        return ValueTask.FromResult(result);
    }
}
