using Microsoft.Extensions.Logging;
using Personalize.Customers;

namespace Personalize.Experiments;

/// <summary>
/// The one place where running experiments enter decisions: the offer decision (storefront, email, `Customer.offers`,
/// `personalize`) and the recommendations (content experiments) ask it which treatments a page of customers gets and
/// withhold the rest, then log the exposures of the customers the experiments applied to through it.
/// </summary>
public sealed class ExperimentTreatments(
    RunningExperiments running,
    ExperimentExposureLog log,
    UniversalHoldout holdout,
    TimeProvider clock,
    ILogger<ExperimentTreatments> logger
)
{
    /// <summary>Whether the customer is in the universal holdout: no experiment, no offer, no personalized
    /// content.</summary>
    public bool HeldOut(Customer customer) => holdout.Contains(customer.ExternalId);

    /// <summary>Per customer id, what the running experiments of the subject decide. No I/O beyond the shared running
    /// list.</summary>
    public async ValueTask<IReadOnlyDictionary<long, TreatmentPlan>> PlanAsync(
        IEnumerable<Customer> customers,
        ExperimentSubject subject,
        CancellationToken cancellationToken
    )
    {
        var set = await running.GetAsync(cancellationToken);
        var experiments = set.Experiments.Where(e => e.Subject == subject).ToList();
        var result = new Dictionary<long, TreatmentPlan>();
        if (experiments.Count == 0)
        {
            foreach (var c in customers)
                result[c.Id] = TreatmentPlan.None;
            return result;
        }
        var every = experiments.SelectMany(e => new ExperimentArm(e, null).AllTreatments).ToHashSet();
        // A bandit's allocation moves, so a customer's arm is the one stored at their first exposure (one statement for
        // the page's customers not known here).
        var bandits = experiments.Where(e => set.BanditOf(e) is not null).ToList();
        var stored =
            bandits.Count == 0
                ? null
                : await log.StoredArmsAsync(
                    bandits.Select(e => e.Id).ToList(),
                    customers.Where(c => c.Id != 0).Select(c => c.Id).Distinct().ToList(),
                    cancellationToken
                );
        foreach (var customer in customers)
        {
            if (result.ContainsKey(customer.Id))
                continue;
            // An unknown visitor (no id), a customer without personalization consent or in the universal holdout is in
            // no experiment and gets no treatment.
            if (customer.Id == 0 || !customer.ConsentPersonalization || HeldOut(customer))
            {
                result[customer.Id] = new TreatmentPlan([], new HashSet<long>(), every);
                continue;
            }
            var arms = experiments.Select(e => new ExperimentArm(e, ArmOf(e, customer, set, stored))).ToList();
            var shown = arms.Select(a => a.Treatment).OfType<long>().ToHashSet();
            var withheld = every.Where(id => !shown.Contains(id)).ToHashSet();
            shown.ExceptWith(withheld);
            result[customer.Id] = new TreatmentPlan(arms, shown, withheld);
        }
        return result;
    }

    private static ExperimentVariant? ArmOf(
        Experiment experiment,
        Customer customer,
        RunningSet set,
        IReadOnlyDictionary<(long, long), long?>? stored
    )
    {
        if (stored is not null && stored.TryGetValue((experiment.Id, customer.Id), out var variantId))
            return variantId is null ? null : experiment.Variants.FirstOrDefault(v => v.Id == variantId);
        return VariantAssigner.Assign(experiment, customer.ExternalId, set.BanditOf(experiment));
    }

    /// <summary>Logs that the experiments applied to these customers now (the first exposure of each customer
    /// counts).</summary> <remarks>A failure is logged, not thrown: the decision is served (a degraded answer beats
    /// none); the next decision logs again.</remarks>
    public async Task LogExposuresAsync(
        IReadOnlyCollection<(ExperimentArm Arm, long CustomerId)> exposures,
        CancellationToken cancellationToken
    )
    {
        if (exposures.Count == 0)
            return;
        try
        {
            await log.LogAsync(exposures, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning(
                e,
                "Could not log {Count} experiment exposures; they will be logged by the next decision",
                exposures.Count
            );
        }
    }
}
