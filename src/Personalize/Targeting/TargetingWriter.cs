using Personalize.Common;
using Personalize.Data;
using Personalize.Segments;

namespace Personalize.Targeting;

/// <summary>Applies a mutation's targeting to a content item or an offer, each failure naming the field sent.</summary>
public static class TargetingWriter
{
    public static async Task ApplyAsync(
        PersonalizeDbContext db,
        ITargeted target,
        TargetingInput input,
        TargetingNames names,
        Validator v,
        CancellationToken cancellationToken
    )
    {
        if (input.Stages is not null)
            target.Stages = StageSets.From(input.Stages);
        if (input.Channels is not null)
        {
            target.Channels = ChannelSets.From(input.Channels);
            if (target.Channels == ChannelSet.None)
                v.Fail(names.Channels, "name at least one channel.");
        }
        if (input.Segments is not null)
            target.Segments = await SegmentReferences.ResolveAsync(
                db,
                input.Segments,
                names.Segments,
                v,
                cancellationToken
            );
        target.From = input.From ?? target.From;
        target.Until = input.Until ?? target.Until;
        v.Window(names.From, target.From, names.Until, target.Until);
    }
}
