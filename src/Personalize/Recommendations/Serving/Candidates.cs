using System.Buffers.Binary;
using Personalize.Caching;

namespace Personalize.Recommendations.Serving;

/// <summary>Why an item is recommended; the text shown to customers is built from it.</summary>
public enum ReasonCode : byte
{
    [System.ComponentModel.Description("Similar to a product the customer bought: \"Because you bought X\" (relatedItem = X).")] BecauseYouBought,
    [System.ComponentModel.Description("Similar to content the customer engaged with: \"Because you read X\" (relatedItem = X).")] BecauseYouViewed,
    [System.ComponentModel.Description("A product the customer buys again: \"Buy it again\".")] BuyAgain,
    [System.ComponentModel.Description("Popular with customers in the same lifecycle stage: \"Popular with loyal customers\".")] PopularWithStage,
    [System.ComponentModel.Description("Content made for the customer's lifecycle stage: \"Picked for new customers\".")] PickedForStage,
    [System.ComponentModel.Description("Popular with all customers lately: \"Trending now\".")] Trending,
    [System.ComponentModel.Description("A new item given a share of the slots so it can be discovered: \"New\".")] NewArrival,
    [System.ComponentModel.Description("Pinned to this placement by the marketing team: \"Featured\".")] Pinned,
    [System.ComponentModel.Description("The customer has not consented to personalization: popular with everyone, not chosen for them.")] NotPersonalized,
}

/// <summary>A precomputed candidate: the item, the re-ranker's score and why it came up (with the item behind it, if any).</summary>
public readonly record struct RecommendationCandidate(long ItemId, float Score, ReasonCode Reason, long RelatedItemId = 0);

/// <summary>
/// A customer's candidate list as bytes, the same in Redis and in the database:
/// <code>
/// offset size field
///      0    1 version (= 1)
///      1    8 model version   int64
///      9    2 count           uint16
///     11   21 × count: item id int64, score float32, reason byte, related item id int64 (0: none)
/// </code>
/// Anything else (another version, a short value, an unknown reason) decodes as a miss.
/// </summary>
public static class CandidateCodec
{
    public const byte Version = 1;
    private const int Header = 11;
    private const int Entry = 21;

    /// <summary>Candidate lists in the customer cache, under <c>{KeyPrefix}cand:{customerId}</c>.</summary>
    public static readonly CacheFormat<CandidateList> Format = new("cand", Encode, (long _, ReadOnlySpan<byte> bytes, out CandidateList? list) => TryDecode(bytes, out list));

    private static byte[] Encode(CandidateList list) => Encode(list.ModelVersion, list.Candidates);

    public static byte[] Encode(long modelVersion, IReadOnlyList<RecommendationCandidate> candidates)
    {
        var count = Math.Min(candidates.Count, ushort.MaxValue);
        var bytes = new byte[Header + Entry * count];
        var span = bytes.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], modelVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[9..], (ushort)count);
        for (var i = 0; i < count; i++)
        {
            var entry = span[(Header + i * Entry)..];
            var c = candidates[i];
            BinaryPrimitives.WriteInt64LittleEndian(entry, c.ItemId);
            BinaryPrimitives.WriteSingleLittleEndian(entry[8..], c.Score);
            entry[12] = (byte)c.Reason;
            BinaryPrimitives.WriteInt64LittleEndian(entry[13..], c.RelatedItemId);
        }
        return bytes;
    }

    public static bool TryDecode(ReadOnlySpan<byte> value, out CandidateList? list)
    {
        list = null;
        if (value.Length < Header || value[0] != Version) return false;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(value[9..]);
        if (value.Length != Header + Entry * count) return false;
        var candidates = new RecommendationCandidate[count];
        for (var i = 0; i < count; i++)
        {
            var entry = value[(Header + i * Entry)..];
            var reason = (ReasonCode)entry[12];
            if (!Enum.IsDefined(reason)) return false;
            candidates[i] = new RecommendationCandidate(BinaryPrimitives.ReadInt64LittleEndian(entry), BinaryPrimitives.ReadSingleLittleEndian(entry[8..]),
                reason, BinaryPrimitives.ReadInt64LittleEndian(entry[13..]));
        }
        list = new CandidateList(BinaryPrimitives.ReadInt64LittleEndian(value[1..]), candidates);
        return true;
    }
}

/// <summary>A customer's candidates, best first, and the model version that computed them.</summary>
public sealed record CandidateList(long ModelVersion, IReadOnlyList<RecommendationCandidate> Candidates);
