using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Personalize.Data;

/// <summary>
/// Inserts rows with one prepared INSERT per table, reused for every row, inside the import's transaction.
/// SaveChanges re-parses every statement of a batch on SQLite (a few thousand rows a second); this does hundreds of
/// thousands. Table, columns and value conversions come from the EF Core model, so both providers get the same rows.
/// </summary>
internal sealed class BulkInserter(PersonalizeDbContext db) : IDisposable
{
    private readonly Dictionary<(Type, bool), TableInsert> _inserts = new();

    /// <param name="readGeneratedKeys">Whether to read back generated ids into the rows (one round trip each); skip it when nothing refers to them.</param>
    public void Insert<T>(IEnumerable<T> rows, bool readGeneratedKeys = true)
        where T : class
    {
        var key = (typeof(T), readGeneratedKeys);
        if (!_inserts.TryGetValue(key, out var insert))
            _inserts[key] = insert = new TableInsert(
                db,
                db.Model.FindEntityType(typeof(T))
                    ?? throw new InvalidOperationException($"{typeof(T)} is not an entity"),
                readGeneratedKeys
            );
        foreach (var row in rows)
            insert.Execute(row);
    }

    public void Dispose()
    {
        foreach (var insert in _inserts.Values)
            insert.Dispose();
    }

    private sealed class TableInsert : IDisposable
    {
        private readonly DbCommand _command;
        private readonly (PropertyInfo Property, ValueConverter? Converter, DbParameter Parameter)[] _columns;
        private readonly PropertyInfo? _generatedKey;

        public TableInsert(PersonalizeDbContext db, IEntityType entity, bool readGeneratedKeys)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated]
                ? generated
                : null;
            var properties = entity.GetProperties().Where(p => p != key && !p.IsShadowProperty()).ToList();
            _generatedKey = readGeneratedKeys ? key?.PropertyInfo : null;

            _command = db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            _columns = properties
                .Select(
                    (p, i) =>
                    {
                        var parameter = _command.CreateParameter();
                        parameter.ParameterName = $"@p{i}";
                        _command.Parameters.Add(parameter);
                        return (p.PropertyInfo!, p.GetTypeMapping().Converter, parameter);
                    }
                )
                .ToArray();

            var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
            var values = string.Join(", ", _columns.Select(c => c.Parameter.ParameterName));
            var name = sql.DelimitIdentifier(table.Name, table.Schema);
            var keyColumn = key is null ? null : sql.DelimitIdentifier(key.GetColumnName(table)!);
            _command.CommandText =
                _generatedKey is null ? $"INSERT INTO {name} ({columns}) VALUES ({values})"
                : db.Database.IsSqlServer()
                    ? $"INSERT INTO {name} ({columns}) OUTPUT INSERTED.{keyColumn} VALUES ({values})"
                : $"INSERT INTO {name} ({columns}) VALUES ({values}) RETURNING {keyColumn}";
        }

        public void Execute(object row)
        {
            foreach (var (property, converter, parameter) in _columns)
            {
                var value = property.GetValue(row);
                if (value is not null && converter is not null)
                    value = converter.ConvertToProvider(value);
                parameter.Value = value ?? DBNull.Value;
            }
            if (_generatedKey is null)
                _command.ExecuteNonQuery();
            else
                _generatedKey.SetValue(row, Convert.ChangeType(_command.ExecuteScalar(), _generatedKey.PropertyType));
        }

        public void Dispose() => _command.Dispose();
    }
}
