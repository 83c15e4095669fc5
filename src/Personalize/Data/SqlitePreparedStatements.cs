using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Personalize.Data;

/// <summary>
/// SQLite compiles every statement before it runs it, and for the storefront's small lookups compiling costs more than
/// running them. SQL Server caches plans itself; SQLite keeps a compiled statement only as long as its command object
/// and its connection live. So, on SQLite, each pooled context keeps its connection open
/// (<see cref="KeptOpenSqliteConnection"/>), and this interceptor hands EF, for each SELECT that connection has run
/// before, the command compiled then instead of a new one.
/// </summary>
public sealed class SqlitePreparedStatements : DbCommandInterceptor
{
    private long _reused;

    /// <summary>Executions that ran an already compiled statement, since start.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (
            eventData.ExecuteMethod != DbCommandMethod.ExecuteReader
            || result is not SqliteCommand { Connection.State: ConnectionState.Open } command
            || !command.CommandText.StartsWith("SELECT", StringComparison.Ordinal)
            || eventData.Context?.GetService<IRelationalConnection>() is not KeptOpenSqliteConnection connection
        )
            return result;
        if (!connection.Statements.TryLease(command, out var leased, out var compiledBefore))
            return result;
        if (compiledBefore)
            Interlocked.Increment(ref _reused);
        command.Dispose();
        return leased;
    }
}

/// <summary>
/// The SQLite connection of a pooled context, kept open between queries and between leases of the context so that its
/// compiled statements survive; it closes when the pool disposes the context, or before its next use after
/// <see cref="ClearAll"/>.
/// </summary>
#pragma warning disable EF1001 // SqliteRelationalConnection is EF's internal API; its constructor may change between majors.
public sealed class KeptOpenSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<Microsoft.EntityFrameworkCore.DbLoggerCategory.Infrastructure> logger
) : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private static long s_generation;
    private long _generation = Volatile.Read(ref s_generation);

    /// <summary>The statements compiled on this connection.</summary>
    public CompiledStatements Statements { get; } = new();

    /// <summary>
    /// Like <see cref="SqliteConnection.ClearAllPools"/>: every kept connection closes and opens the database file
    /// afresh before its next use (e.g. after the file was replaced). One in a transaction waits until it ends.
    /// </summary>
    public static void ClearAll() => Interlocked.Increment(ref s_generation);

    public override bool Open(bool errorsExpected = false)
    {
        CloseIfCleared();
        return base.Open(errorsExpected);
    }

    public override Task<bool> OpenAsync(CancellationToken cancellationToken, bool errorsExpected = false)
    {
        CloseIfCleared();
        return base.OpenAsync(cancellationToken, errorsExpected);
    }

    protected override void CloseDbConnection() { }

    protected override Task CloseDbConnectionAsync() => Task.CompletedTask;

    private void CloseIfCleared()
    {
        var generation = Volatile.Read(ref s_generation);
        if (generation == _generation || CurrentTransaction is not null || !Statements.TryRetireAll())
            return;
        DbConnection.Close();
        _generation = generation;
    }
}
#pragma warning restore EF1001

/// <summary>The compiled commands of one connection, by SQL text. A connection serves one context at a time.</summary>
public sealed class CompiledStatements
{
    /// <summary>Compiled statements one connection keeps; past this many it drops the idle ones and starts
    /// over.</summary>
    public const int Limit = 64;

    private readonly ConcurrentDictionary<string, LeasedCommand> _commands = new(StringComparer.Ordinal);

    public bool TryLease(SqliteCommand fresh, [NotNullWhen(true)] out DbCommand? leased, out bool compiledBefore)
    {
        compiledBefore = _commands.TryGetValue(fresh.CommandText, out var command);
        if (command is null)
        {
            if (_commands.Count >= Limit)
                TryRetireAll();
            var compiled = new SqliteCommand(fresh.CommandText, fresh.Connection, fresh.Transaction);
            try
            {
                compiled.Prepare();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                compiled.Dispose(); // EF runs the fresh command and reports the error itself
                leased = null;
                return false;
            }
            command = _commands.GetOrAdd(fresh.CommandText, new LeasedCommand(compiled));
        }
        // The same SELECT nested in its own results (rare) runs as a fresh command.
        leased = command.TryTake(fresh) ? command : null;
        return leased is not null;
    }

    /// <summary>Disposes every compiled command not in use (a reader of it still open); true when none was in
    /// use.</summary>
    public bool TryRetireAll()
    {
        var all = true;
        foreach (var (text, command) in _commands)
            if (command.TryRetire())
                _commands.TryRemove(text, out _);
            else
                all = false;
        return all;
    }

    /// <summary>
    /// What EF executes and then disposes: the compiled command with this execution's parameters and transaction.
    /// Disposing it only hands the compiled command back to its connection.
    /// </summary>
    private sealed class LeasedCommand : DbCommand
    {
        private readonly SqliteCommand _compiled;
        private int _inUse;

        public LeasedCommand(SqliteCommand compiled)
        {
            _compiled = compiled;
            GC.SuppressFinalize(this); // nothing to finalize: the compiled command is disposed by its connection
        }

        public bool TryTake(SqliteCommand fresh)
        {
            if (Interlocked.CompareExchange(ref _inUse, 1, 0) != 0)
                return false;
            foreach (var parameter in fresh.Parameters.Cast<SqliteParameter>().ToList())
            {
                fresh.Parameters.Remove(parameter);
                _compiled.Parameters.Add(parameter);
            }
            _compiled.Transaction = fresh.Transaction;
            _compiled.CommandTimeout = fresh.CommandTimeout;
            return true;
        }

        /// <summary>Disposes the compiled command unless it is in use; true when it did.</summary>
        public bool TryRetire()
        {
            if (Interlocked.CompareExchange(ref _inUse, 1, 0) != 0)
                return false;
            _compiled.Dispose();
            return true;
        }

        [AllowNull]
        public override string CommandText
        {
            get => _compiled.CommandText;
            set { }
        }
        public override int CommandTimeout
        {
            get => _compiled.CommandTimeout;
            set => _compiled.CommandTimeout = value;
        }
        public override CommandType CommandType
        {
            get => _compiled.CommandType;
            set { }
        }
        public override bool DesignTimeVisible
        {
            get => false;
            set { }
        }
        public override UpdateRowSource UpdatedRowSource
        {
            get => _compiled.UpdatedRowSource;
            set => _compiled.UpdatedRowSource = value;
        }
        protected override DbConnection? DbConnection
        {
            get => _compiled.Connection;
            set { }
        }
        protected override DbParameterCollection DbParameterCollection => _compiled.Parameters;
        protected override DbTransaction? DbTransaction
        {
            get => _compiled.Transaction;
            set => _compiled.Transaction = (SqliteTransaction?)value;
        }

        public override void Cancel() => _compiled.Cancel();

        public override int ExecuteNonQuery() => _compiled.ExecuteNonQuery();

        public override object? ExecuteScalar() => _compiled.ExecuteScalar();

        public override void Prepare() { }

        protected override DbParameter CreateDbParameter() => _compiled.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
            _compiled.ExecuteReader(behavior);

        protected override void Dispose(bool disposing)
        {
            _compiled.Parameters.Clear();
            _compiled.Transaction = null;
            Volatile.Write(ref _inUse, 0);
        }
    }
}
