using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Import;

namespace Personalize.Tests.Import;

/// <summary>A real SQLite file in a temporary folder, migrated, with the engine's services over it.</summary>
public sealed class ImportDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ImportDatabase(string folder, ServiceProvider services) => (Folder, _services) = (folder, services);

    public string Folder { get; }
    public IServiceProvider Services => _services;
    public DataImporter Importer => _services.GetRequiredService<DataImporter>();

    public static async Task<ImportDatabase> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("personalize-import-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Personalize"] = $"Data Source={Path.Combine(folder, "test.db")};Pooling=False",
                }.Concat(settings ?? new Dictionary<string, string?>())
            )
            .Build();
        var services = new ServiceCollection().AddLogging().AddPersonalizeEngine(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new ImportDatabase(folder, services);
    }

    /// <summary>Writes a CSV file into the temporary folder.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public async Task<T> QueryAsync<T>(Func<PersonalizeDbContext, Task<T>> query)
    {
        await using var db = await _services
            .GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException) { }
    }
}
