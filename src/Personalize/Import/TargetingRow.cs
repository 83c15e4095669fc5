using Personalize.Common;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Import;

/// <summary>The targeting columns of a content or offer file, read and applied alike.</summary>
public sealed record TargetingRow(
    LifecycleStageSet Stages,
    IReadOnlyList<string> Segments,
    ChannelSet Channels,
    DateTime? From,
    DateTime? Until
)
{
    public static TargetingRow Parse(CsvRow row, TargetingNames columns)
    {
        var from = row.Date(columns.From);
        var until = row.Date(columns.Until);
        if (from > until)
            throw new RowError($"{columns.Until}: is before {columns.From}");
        return new(
            row.Stages(columns.Stages),
            row.List(columns.Segments).Distinct().ToList(),
            row.Channels(columns.Channels),
            from,
            until
        );
    }

    /// <summary>The first segment id that names no tracked segment; null when every one does.</summary>
    public string? UnknownSegment(IReadOnlyDictionary<string, Segment> segments) =>
        Segments.FirstOrDefault(s => !segments.ContainsKey(s));

    /// <returns>Whether anything changed.</returns>
    internal bool ApplyTo(ITargeted target, IReadOnlyDictionary<string, Segment> segments, Changes changes)
    {
        changes.Set(target.Stages, Stages, v => target.Stages = v);
        changes.Set(target.Channels, Channels, v => target.Channels = v);
        changes.Set(target.From, From, v => target.From = v);
        changes.Set(target.Until, Until, v => target.Until = v);
        return CollectionSync.Sync(target.Segments, Segments, s => s.Slug, s => segments[s]);
    }
}
