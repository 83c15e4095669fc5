using System.Globalization;
using Personalize.Data;
using Personalize.Loyalty;

namespace Personalize.Api.Commands;

/// <summary>`loyalty rebuild`: give imported orders the points recordOrder would have given them.</summary>
public sealed class LoyaltyCommand : ICommand
{
    public string Name => "loyalty";
    public string Usage =>
        "loyalty rebuild    give every order without points (imported orders) the points recording "
        + "it would have earned; idempotent";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        if (invocation.Positional() is not ["rebuild"])
        {
            Console.Error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var summary = await ProgressDisplay.RunAsync<LoyaltyRebuildProgress, LoyaltyRebuildSummary>(
            "Rebuilding loyalty points",
            progress => services.GetRequiredService<LoyaltyRebuilder>().RebuildAsync(progress, cancellationToken),
            p => string.Create(CultureInfo.InvariantCulture, $"{p.CustomersDone:N0} of {p.CustomersTotal:N0} customers")
        );
        Console.WriteLine(summary.ToString());
        return 0;
    }
}
