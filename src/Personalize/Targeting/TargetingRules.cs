using Personalize.Common;

namespace Personalize.Targeting;

/// <summary>Whether something targeted may be shown, the same test for content and offers.</summary>
public static class TargetingRules
{
    /// <summary>Within its window at <paramref name="now"/>: from its start, before its end.</summary>
    public static bool IsLiveAt(this ITargeted target, DateTime now) =>
        (target.From is null || target.From <= now) && (target.Until is null || target.Until > now);

    /// <summary>Allowed on the channel (any channel when none is asked).</summary>
    public static bool Reaches(this ITargeted target, Channel? channel) =>
        channel is not { } c || target.Channels.Contains(c);

    /// <summary>Meant for the stage: named in its stages, or no stage named.</summary>
    public static bool Admits(this ITargeted target, LifecycleStage stage) => target.Stages.Admits(stage);
}
