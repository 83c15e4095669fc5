using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Events;

/// <summary>
/// Runs every feature's <see cref="IEventScanStep"/>, in registration order, on one context. Stage changes caused by
/// time are written by the stage refresh itself.
/// </summary>
public sealed class TimeEventScanner(
    IDbContextFactory<PersonalizeDbContext> factory,
    IEnumerable<IEventScanStep> steps,
    TimeProvider clock
)
{
    /// <returns>The events appended.</returns>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var appended = 0;
        foreach (var step in steps)
            appended += await step.ScanAsync(db, now, cancellationToken);
        return appended;
    }
}
