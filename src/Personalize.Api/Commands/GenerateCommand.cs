using System.Globalization;
using Personalize.Data;
using Personalize.Seeding;

namespace Personalize.Api.Commands;

/// <summary>`generate store --customers N [--anchor YYYY-MM-DD]`: a large synthetic store for benchmarks, into the configured (empty) database.</summary>
public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";
    public string Usage => "generate store --customers N [--anchor YYYY-MM-DD] [--seed N]    a synthetic store of N customers (~9 orders each) for benchmarks";

    public async Task<int> RunAsync(CommandInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (invocation.Positional("customers", "anchor", "seed") is not ["store"] || !int.TryParse(invocation.Option("customers"), out var customers) || customers < 1)
        {
            Console.Error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        var anchor = invocation.Option("anchor") is { } text
            ? DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc)
            : DateTime.UtcNow.Date;
        var seed = int.TryParse(invocation.Option("seed"), out var s) ? s : 7;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var summary = await ProgressDisplay.RunAsync<ProgressValue, SyntheticStoreSummary>(
            "Generating a synthetic store",
            progress => services.GetRequiredService<SyntheticStoreGenerator>().GenerateAsync(
                customers, anchor, seed, new Progress(progress), cancellationToken),
            p => string.Create(CultureInfo.InvariantCulture, $"{p.Customers:N0} customers, {p.Orders:N0} orders"));
        Console.WriteLine(summary.ToString());
        return 0;
    }

    private sealed record ProgressValue(long Customers, long Orders);

    private sealed class Progress(IProgress<ProgressValue> inner) : IProgress<(long Customers, long Orders)>
    {
        public void Report((long Customers, long Orders) value) => inner.Report(new ProgressValue(value.Customers, value.Orders));
    }
}
