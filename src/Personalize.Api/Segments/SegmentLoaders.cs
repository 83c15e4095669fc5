using Personalize.Api.GraphQL;
using Personalize.Segments;

namespace Personalize.Api.Segments;

/// <summary>The segments feature's batch loaders.</summary>
public static class SegmentLoaders
{
    /// <summary>A segment by its id (slug); null when unknown.</summary>
    public static Result<Segment?> SegmentById(this BatchLoaders loaders, string id) =>
        loaders
            .Get<string, Segment>("segment-by-id", (ids, ct) => loaders.Service<SegmentQueries>().BySlugsAsync(ids, ct))
            .Load(id);

    /// <summary>The active segments whose rule selects the customer now.</summary>
    public static Result<IEnumerable<Segment>?> SegmentsOf(this BatchLoaders loaders, long customerId) =>
        loaders
            .GetGroups<long, Segment>("segments-of-customer", (ids, ct) =>
                loaders.Service<SegmentQueries>().MembershipsAsync(ids, ct)
            )
            .Load(customerId);

    /// <summary>How many customers the segment's rule selects now.</summary>
    public static Result<int> SizeOf(this BatchLoaders loaders, Segment segment) =>
        loaders
            .Get<Segment, int>("segment-size", async (segments, ct) =>
            {
                var sizes = await loaders.Service<SegmentQueries>().SizesAsync(segments, ct);
                return segments.Distinct().ToDictionary(s => s, s => sizes[s.Id]);
            })
            .Load(segment);
}
