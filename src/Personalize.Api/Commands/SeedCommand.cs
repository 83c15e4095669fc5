using Personalize.Data;
using Personalize.Seeding;
using Spectre.Console;

namespace Personalize.Api.Commands;

/// <summary>`seed`: loads the demo store into the configured database, which must have no customers.</summary>
public sealed class SeedCommand : ICommand
{
    public string Name => "seed";
    public string Usage =>
        "seed               load the demo store into the configured database (refused when it has customers)";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var seeder = services.GetRequiredService<DemoStoreSeeder>();
        if (await seeder.HasCustomersAsync(cancellationToken))
        {
            AnsiConsole.MarkupLine(
                "[red]The database already has customers: the demo store is only loaded into an empty database.[/] "
                    + "Point ConnectionStrings:Personalize at a new database, e.g. "
                    + "--ConnectionStrings:Personalize=\"Data Source=demo.db\"."
            );
            return 1;
        }
        var summary = await ProgressDisplay.RunAsync<SeedProgress, SeedSummary>(
            "Seeding the demo store",
            progress => seeder.SeedAsync(progress, cancellationToken),
            p => $"{p.Step}: {ProgressDisplay.Describe(p.Rows)}"
        );
        foreach (var step in summary.Steps)
            Console.WriteLine($"  {step}");
        Console.WriteLine(summary.ToString());
        return 0;
    }
}
