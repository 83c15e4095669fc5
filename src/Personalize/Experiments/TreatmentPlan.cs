namespace Personalize.Experiments;

/// <summary>A customer's arm in one running experiment; <see cref="Variant"/> is null in the holdout.</summary>
public sealed record ExperimentArm(Experiment Experiment, ExperimentVariant? Variant)
{
    /// <summary>The offer or content item this arm shows; null for the holdout and for a "show nothing" arm.</summary>
    public long? Treatment => Experiment.Subject == ExperimentSubject.Offer ? Variant?.OfferId : Variant?.ContentItemId;

    /// <summary>Every offer or content item some arm of the experiment shows.</summary>
    public IEnumerable<long> AllTreatments =>
        Experiment
            .Variants.Select(v => Experiment.Subject == ExperimentSubject.Offer ? v.OfferId : v.ContentItemId)
            .OfType<long>();
}

/// <summary>
/// What the running experiments of one subject decide for one customer: the treatment of each arm the customer is in,
/// and the other arms' treatments, which the customer must not get. A holdout customer gets none of the experiment's
/// treatments. A customer without personalization consent is in no experiment: every treatment is withheld.
/// </summary>
public sealed class TreatmentPlan
{
    public static readonly TreatmentPlan None = new([], new HashSet<long>(), new HashSet<long>());

    public TreatmentPlan(
        IReadOnlyList<ExperimentArm> arms,
        IReadOnlySet<long> treatments,
        IReadOnlySet<long> withheld
    ) => (Arms, Treatments, Withheld) = (arms, treatments, withheld);

    /// <summary>The customer's arm in each running experiment of the subject (empty without consent).</summary>
    public IReadOnlyList<ExperimentArm> Arms { get; }

    /// <summary>Offers or items the customer's arms show: served first, whatever their ranking.</summary>
    public IReadOnlySet<long> Treatments { get; }

    /// <summary>Offers or items of the experiments that the customer's arms do not show.</summary>
    public IReadOnlySet<long> Withheld { get; }

    public bool Treats(long id) => Treatments.Contains(id);

    public bool Withholds(long id) => Withheld.Contains(id);
}
