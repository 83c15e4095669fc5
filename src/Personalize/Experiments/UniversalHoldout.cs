namespace Personalize.Experiments;

/// <summary>
/// Membership of the universal holdout: the customer's position (SHA-256 of "salt/customer id", as for experiment
/// arms) below the configured share. Stable over time without storage, and independent of every experiment's split.
/// Its customers are in no experiment and get no offers and no personalized content, so `kpis` can measure what the
/// whole program adds.
/// </summary>
public sealed class UniversalHoldout(UniversalHoldoutOptions options)
{
    public double Share => options.Share;

    public bool Contains(string customerExternalId) =>
        options.Share > 0
        && customerExternalId.Length > 0
        && VariantAssigner.Position(options.Salt, customerExternalId) < options.Share;
}
