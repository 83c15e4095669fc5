using Personalize.Data;

namespace Personalize.Events;

/// <summary>
/// One step of the periodic event scan (<see cref="TimeEventScanner"/>): a feature finds the events that time causes
/// rather than a write — a cart no purchase followed, a code or points about to expire, a tracked segment's members
/// moving, a loyalty tier changing — and appends each once. Features register their steps; the scan runs them in order.
/// </summary>
public interface IEventScanStep
{
    /// <returns>The events appended.</returns>
    Task<int> ScanAsync(PersonalizeDbContext db, DateTime now, CancellationToken cancellationToken);
}
