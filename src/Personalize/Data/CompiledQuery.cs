using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Personalize.Data;

/// <summary>
/// An EF Core compiled query (made with <c>EF.CompileAsyncQuery</c>) for the hot paths: it skips translating the LINQ
/// on every call. A compiled query is bound to one model, and the SQLite and SQL Server contexts have different
/// models, so it is compiled once per model.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(PersonalizeDbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
