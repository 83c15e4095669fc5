using Personalize.Common;

namespace Personalize.Lifecycle;

/// <summary>A stage, what it means under the configured thresholds, and how many customers are in it now.</summary>
public sealed record LifecycleStageSummary(LifecycleStage Stage, string Description, int CustomerCount);
