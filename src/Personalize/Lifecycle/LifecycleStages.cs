using Personalize.Customers;

namespace Personalize.Lifecycle;

/// <summary>The stages as a CRM user reads them.</summary>
public sealed class LifecycleStages(CustomerQueries customers, LifecycleClassifier classifier)
{
    /// <summary>Every stage, in order, with its meaning and its customer count now.</summary>
    public async Task<IReadOnlyList<LifecycleStageSummary>> SummariesAsync(CancellationToken cancellationToken)
    {
        var counts = await customers.CountByStageAsync(cancellationToken);
        return counts.Select(c => new LifecycleStageSummary(c.Key, classifier.Describe(c.Key), c.Value)).ToList();
    }
}
