using Personalize.Common;

namespace Personalize.Api.Lifecycle;

public sealed record LifecycleStageSummary(LifecycleStage Stage, string Description, int CustomerCount);
