using Personalize.Common;

namespace Personalize.Lifecycle;

/// <summary>A customer moved from one lifecycle stage to another.</summary>
public class StageChange
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public LifecycleStage? From { get; set; }
    public LifecycleStage To { get; set; }
    public DateTime ChangedAt { get; set; }
}
