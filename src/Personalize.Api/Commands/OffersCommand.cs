using Personalize.Data;
using Personalize.Offers;

namespace Personalize.Api.Commands;

/// <summary>`offers train`: learn P(redeem) from past assignments and redemptions; report its held-out AUC beside the
/// prior's.</summary>
public sealed class OffersCommand : ICommand
{
    public string Name => "offers";
    public string Usage =>
        "offers train    learn P(redeem) from past assignments (LightGBM); AUC on a held-out "
        + "split; used once Offers:Model:MinExamples is reached";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        if (invocation.Positional() is not ["train"])
        {
            Console.Error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var summary = await ProgressDisplay.RunAsync<RedemptionTrainingProgress, RedemptionTrainingSummary>(
            "Training P(redeem)",
            progress => services.GetRequiredService<RedemptionModelTrainer>().TrainAsync(progress, cancellationToken),
            p => p.Phase
        );
        Console.WriteLine(summary.ToString());
        return summary.ModelId is null ? 1 : 0;
    }
}
