using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;

namespace Personalize.Experiments;

/// <summary>
/// The running experiments with their variants (and the variants' offers and content items), read once and shared
/// by every decision (see <see cref="Reloading{T}"/>). Treat the instances as read-only.
/// </summary>
public sealed class RunningExperiments(IDbContextFactory<PersonalizeDbContext> factory, IOptions<ReferenceDataOptions> options)
{
    private readonly Reloading<IReadOnlyList<Experiment>> _running = new(async cancellationToken =>
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ExperimentService.WithVariants(db).Where(e => e.Status == ExperimentStatus.Running).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }, options.Value.MaxAge);

    public ValueTask<IReadOnlyList<Experiment>> GetAsync(CancellationToken cancellationToken) => _running.GetAsync(cancellationToken);

    /// <summary>An experiment was created, changed, started or stopped in this process.</summary>
    public void Changed() => _running.Invalidate();
}
