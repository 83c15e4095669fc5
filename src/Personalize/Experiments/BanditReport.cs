namespace Personalize.Experiments;

/// <summary>A variant's share: of the allocation (probability of being best) or of a day's exposures.</summary>
public sealed record BanditShare(ExperimentVariant Variant, double Share);

/// <summary>One day of a bandit: how that day's exposures were split, and the regret accumulated by its end.</summary>
public sealed record BanditDay(DateTime Day, long Exposures, IReadOnlyList<BanditShare> Split, double CumulativeRegret);

/// <summary>
/// How a Thompson-sampling experiment allocated. Regret is estimated with the final conversion rates r̂ₖ (converted
/// customers / exposed customers): each exposed customer adds max r̂ − r̂ of their arm, the conversions lost against
/// sending everyone to the best arm.
/// </summary>
public sealed record BanditReport(
    IReadOnlyList<BanditShare> Allocation,
    int BurnInExposures,
    bool BurnedIn,
    double CumulativeRegret,
    IReadOnlyList<BanditDay> Days
)
{
    public static BanditReport From(Experiment experiment, IReadOnlyList<ExposedCustomer> customers)
    {
        var inArms = customers.Where(c => c.VariantId is not null).ToList();
        var counts = experiment
            .Variants.OrderBy(v => v.Id)
            .Select(v =>
                (
                    v.Id,
                    Exposures: (long)inArms.Count(c => c.VariantId == v.Id),
                    Conversions: (long)inArms.Count(c => c.VariantId == v.Id && c.ConvertedAt is not null)
                )
            )
            .ToList();
        var probabilities = ThompsonSampling.Probabilities(counts);
        var rates = counts.ToDictionary(c => c.Id, c => c.Exposures == 0 ? 0 : (double)c.Conversions / c.Exposures);
        var best = rates.Values.DefaultIfEmpty(0).Max();

        var days = new List<BanditDay>();
        var regret = 0d;
        foreach (var day in inArms.GroupBy(c => c.ExposedAt.Date).OrderBy(g => g.Key))
        {
            regret += day.Sum(c => best - rates[c.VariantId!.Value]);
            var n = day.Count();
            days.Add(
                new BanditDay(
                    day.Key,
                    n,
                    experiment
                        .Variants.OrderBy(v => v.Key, StringComparer.Ordinal)
                        .Select(v => new BanditShare(v, (double)day.Count(c => c.VariantId == v.Id) / n))
                        .ToList(),
                    regret
                )
            );
        }
        return new BanditReport(
            experiment
                .Variants.OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new BanditShare(v, probabilities[v.Id]))
                .ToList(),
            experiment.BurnInExposures,
            inArms.Count >= experiment.BurnInExposures,
            regret,
            days
        );
    }
}
