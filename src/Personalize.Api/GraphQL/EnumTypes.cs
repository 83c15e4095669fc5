using GraphQL.Types;
using Personalize.Common;
using Personalize.Content;
using Personalize.Offers;
using Personalize.Segments;

namespace Personalize.Api.GraphQL;

/// <summary>An engine enum as a GraphQL enum: values in CONSTANT_CASE, descriptions from the members' [Description].</summary>
public abstract class DescribedEnumType<TEnum> : EnumerationGraphType<TEnum> where TEnum : Enum
{
    protected DescribedEnumType(string description)
    {
        Name = typeof(TEnum).Name;
        Description = description;
    }
}

public sealed class ChannelType() : DescribedEnumType<Channel>("Where a customer is reached.");
public sealed class ContentKindType() : DescribedEnumType<ContentKind>("What sort of content an item is.");
public sealed class ContentStatusType() : DescribedEnumType<ContentStatus>("Whether a content item may be shown.");
public sealed class RewardTypeType() : DescribedEnumType<RewardType>("What a customer gets from an offer.");
public sealed class OfferStatusType() : DescribedEnumType<OfferStatus>("Whether an offer may be given.");
public sealed class SegmentStatusType() : DescribedEnumType<SegmentStatus>("Whether a segment is in use.");
