using Spectre.Console;

namespace Personalize.Api.Commands;

public static class CommandRunner
{
    public static readonly IReadOnlyList<ICommand> Commands =
    [
        new SeedCommand(),
        new ImportCommand(),
        new ScoresCommand(),
        new SchemaCommand(),
        new GenerateCommand(),
        new EvaluateCommand(),
        new RecommenderCommand(),
        new OffersCommand(),
        new LoyaltyCommand(),
        new KeysCommand(),
    ];

    /// <summary>Splits the arguments between the host and the verbs (see <see cref="CommandLine"/>).</summary>
    public static ParsedCommandLine ParseCommandLine(string[] args) => CommandLine.Parse(args, Commands);

    public static async Task<int> RunCommandAsync(this WebApplication app, CommandInvocation invocation)
    {
        var command = Commands.FirstOrDefault(c => c.Name == invocation.Name);
        if (command is null)
        {
            AnsiConsole.MarkupLine($"[red]Unknown command '{Markup.Escape(invocation.Name)}'.[/] Commands:");
            AnsiConsole.MarkupLine("  serve (default)    run the GraphQL service");
            foreach (var c in Commands)
                AnsiConsole.WriteLine($"  {c.Usage}");
            return 2;
        }
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        await using var scope = app.Services.CreateAsyncScope();
        return await command.RunAsync(invocation, scope.ServiceProvider, cancellation.Token);
    }
}
