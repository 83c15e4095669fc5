using Personalize.Common;

namespace Personalize.Targeting;

/// <summary>The targeting parts of a create or update; an absent part keeps what is stored.</summary>
public sealed record TargetingInput(
    IReadOnlyList<LifecycleStage>? Stages,
    IReadOnlyList<string>? Segments,
    IReadOnlyList<Channel>? Channels,
    DateTime? From,
    DateTime? Until
);
