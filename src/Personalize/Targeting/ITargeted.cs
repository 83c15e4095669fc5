using Personalize.Common;
using Personalize.Segments;

namespace Personalize.Targeting;

/// <summary>
/// Who and where something is shown: content items and offers are targeted alike. An empty set of stages admits every
/// stage; segments narrow the audience to their members; channels say where it may appear; the window says when.
/// </summary>
public interface ITargeted
{
    LifecycleStageSet Stages { get; set; }
    List<Segment> Segments { get; set; }
    ChannelSet Channels { get; set; }

    /// <summary>Start of the window (UTC); null: no start.</summary>
    DateTime? From { get; set; }

    /// <summary>End of the window (UTC), exclusive; null: no end.</summary>
    DateTime? Until { get; set; }
}
