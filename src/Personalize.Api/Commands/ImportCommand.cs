using Personalize.Data;
using Personalize.Import;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>`import KIND FILE [--skip-invalid] [--strict] [--source NAME] [--consent-personalization]`, `import orders
/// --preset online-retail [FILE]` and `import orders --preset cdnow FILE`.</summary>
public sealed class ImportCommand : ICommand
{
    // Beside the repository, where the large data sets are kept (not in a clone).
    private const string OnlineRetailDefaultPath = "../shared/data/online-retail/online_retail.csv";

    public string Name => "import";
    public string Usage =>
        "import customers|orders|interactions|content|offers|surveys|spend|segments FILE "
        + "[--skip-invalid] [--strict] [--source NAME] [--consent-personalization]\n"
        + "  import orders --preset online-retail [FILE]\n"
        + "  import orders --preset cdnow FILE";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        var positional = invocation.Positional("source", "preset");
        if (positional.Count == 0 || !Enum.TryParse<ImportKind>(positional[0], ignoreCase: true, out var kind))
            return Fail($"Usage: {Usage}");
        var preset = invocation.Option("preset");
        if (preset is not null && (kind != ImportKind.Orders || preset is not ("online-retail" or "cdnow")))
            return Fail(
                "The presets are `import orders --preset online-retail [FILE]` and `import orders --preset cdnow FILE`."
            );
        var path =
            positional.Count > 1 ? positional[1]
            : preset == "online-retail" ? Path.Combine(RepositoryFolder.Root(), OnlineRetailDefaultPath)
            : null;
        if (path is null)
            return Fail($"Usage: {Usage}");
        if (!File.Exists(path))
            return Fail(
                preset is not null && positional.Count == 1
                    ? $"The Online Retail file is not at {Path.GetFullPath(path)}; pass its path: import orders "
                        + "--preset online-retail FILE"
                    : $"File not found: {Path.GetFullPath(path)}"
            );

        var options = new ImportOptions
        {
            SkipInvalid = invocation.HasSwitch("skip-invalid"),
            Strict = invocation.HasSwitch("strict"),
            ConsentPersonalization = invocation.HasSwitch("consent-personalization"),
            Source = invocation.Option("source") ?? Personalize.Orders.Order.DefaultSource,
        };
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var importer = services.GetRequiredService<DataImporter>();
        var summary = await ProgressDisplay.RunAsync($"Importing {Path.GetFileName(path)}", progress => preset switch
            {
                "online-retail" => importer.ImportOnlineRetailAsync(path, options, progress, cancellationToken),
                "cdnow" => importer.ImportCdnowAsync(path, options, progress, cancellationToken),
                _ => importer.ImportFileAsync(kind, path, options, progress, cancellationToken),
            });
        ProgressDisplay.Print(summary);
        return summary.Committed ? 0 : 1;
    }

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 2;
    }
}
