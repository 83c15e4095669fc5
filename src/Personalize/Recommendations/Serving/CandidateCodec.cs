using System.Buffers.Binary;
using Personalize.Caching;

namespace Personalize.Recommendations.Serving;

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
    public static readonly CacheFormat<CandidateList> Format = new(
        "cand",
        Encode,
        (long _, ReadOnlySpan<byte> bytes, out CandidateList? list) => TryDecode(bytes, out list)
    );

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
        if (value.Length < Header || value[0] != Version)
            return false;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(value[9..]);
        if (value.Length != Header + Entry * count)
            return false;
        var candidates = new RecommendationCandidate[count];
        for (var i = 0; i < count; i++)
        {
            var entry = value[(Header + i * Entry)..];
            var reason = (ReasonCode)entry[12];
            if (!Enum.IsDefined(reason))
                return false;
            candidates[i] = new RecommendationCandidate(
                BinaryPrimitives.ReadInt64LittleEndian(entry),
                BinaryPrimitives.ReadSingleLittleEndian(entry[8..]),
                reason,
                BinaryPrimitives.ReadInt64LittleEndian(entry[13..])
            );
        }
        list = new CandidateList(BinaryPrimitives.ReadInt64LittleEndian(value[1..]), candidates);
        return true;
    }
}
