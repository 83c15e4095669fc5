using Personalize.Segments;

namespace Personalize.Api.GraphQL;

public sealed class SegmentStatusType() : DescribedEnumType<SegmentStatus>("Whether a segment is in use.");
