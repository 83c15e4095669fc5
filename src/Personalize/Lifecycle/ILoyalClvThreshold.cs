namespace Personalize.Lifecycle;

/// <summary>
/// The predicted CLV from which an active customer is LOYAL, as the latest scoring set it (the top
/// <see cref="LifecycleOptions.LoyalTopShare"/> of scored customers); null before the first scoring.
/// </summary>
public interface ILoyalClvThreshold
{
    Task<decimal?> CurrentAsync(CancellationToken cancellationToken);
}
