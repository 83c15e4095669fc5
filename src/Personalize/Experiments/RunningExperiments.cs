using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;

namespace Personalize.Experiments;

/// <summary>The running experiments, and the current allocation of those that allocate by Thompson sampling.</summary>
public sealed record RunningSet(IReadOnlyList<Experiment> Experiments, IReadOnlyDictionary<long, BanditState> Bandits)
{
    public BanditState? BanditOf(Experiment experiment) => Bandits.GetValueOrDefault(experiment.Id);
}

/// <summary>
/// The running experiments with their variants (and the variants' offers and content items), read once and shared by
/// every decision (see <see cref="ReferenceDataCache{T}"/>); for bandit experiments also their exposures and converted
/// customers per variant (two grouped statements), so the allocation follows the data within the refresh time. Treat
/// the instances as read-only.
/// </summary>
public sealed class RunningExperiments(
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<ReferenceDataOptions> options
)
{
    private readonly ReferenceDataCache<RunningSet> _running = new(
        async cancellationToken =>
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var experiments = await ExperimentService
                .WithVariants(db)
                .Where(e => e.Status == ExperimentStatus.Running)
                .OrderBy(e => e.Id)
                .ToListAsync(cancellationToken);
            var bandits = experiments.Where(e => e.Allocation == ExperimentAllocation.ThompsonSampling).ToList();
            if (bandits.Count == 0)
                return new RunningSet(experiments, new Dictionary<long, BanditState>());
            var ids = bandits.Select(e => e.Id).ToList();
            var exposed = await db
                .ExperimentExposures.Where(x => ids.Contains(x.ExperimentId) && x.VariantId != null)
                .GroupBy(x => new { x.ExperimentId, x.VariantId })
                .Select(g => new
                {
                    g.Key.ExperimentId,
                    g.Key.VariantId,
                    Count = g.LongCount(),
                })
                .ToListAsync(cancellationToken);
            var converted = await db
                .ExperimentConversions.Where(c => ids.Contains(c.ExperimentId) && c.VariantId != null)
                .GroupBy(c => new { c.ExperimentId, c.VariantId })
                .Select(g => new
                {
                    g.Key.ExperimentId,
                    g.Key.VariantId,
                    Customers = g.Select(c => c.CustomerId).Distinct().LongCount(),
                })
                .ToListAsync(cancellationToken);
            return new RunningSet(
                experiments,
                bandits.ToDictionary(
                    e => e.Id,
                    e =>
                    {
                        var arms = e
                            .Variants.OrderBy(v => v.Id)
                            .Select(v =>
                                (
                                    v.Id,
                                    exposed.FirstOrDefault(x => x.ExperimentId == e.Id && x.VariantId == v.Id)?.Count
                                        ?? 0,
                                    converted
                                        .FirstOrDefault(x => x.ExperimentId == e.Id && x.VariantId == v.Id)
                                        ?.Customers
                                        ?? 0
                                )
                            )
                            .ToList();
                        var total = arms.Sum(a => a.Item2);
                        return new BanditState(ThompsonSampling.Probabilities(arms), total, total >= e.BurnInExposures);
                    }
                )
            );
        },
        options.Value.MaxAge
    );

    public ValueTask<RunningSet> GetAsync(CancellationToken cancellationToken) => _running.GetAsync(cancellationToken);

    /// <summary>An experiment was created, changed, started or stopped in this process, or a bandit's counts should be
    /// read again.</summary>
    public void Changed() => _running.Invalidate();
}
