using System.Buffers.Binary;
using Personalize.Caching;
using Personalize.Common;

namespace Personalize.Scores;

/// <summary>
/// The value stored under <c>{prefix}score:{customerId}</c>: a fixed 154-byte little-endian layout.
/// <code>
/// offset size field
///      0    1 version (= 1)
///      1    8 SnapshotId                 int64
///      9    8 AsOf                       DateTime.ToBinary (ticks + kind)
///     17    8 ScoredAt                   DateTime.ToBinary
///     25    4 Frequency                  int32
///     29    8 Recency                    float64
///     37    8 Age                        float64
///     45   16 MonetaryValue              decimal (decimal.GetBits: lo, mid, hi, flags)
///     61    8 ProbabilityAlive           float64
///     69    8 ExpectedPurchases          float64
///     77   16 PredictedClv               decimal
///     93   16 HistoricalClv              decimal
///    109   16 AverageOrderValue          decimal
///    125   16 ExpectedAverageOrderValue  decimal
///    141    4 RfmRecency                 int32
///    145    4 RfmFrequency               int32
///    149    4 RfmMonetary                int32
///    153    1 Stage                      LifecycleStage as byte
/// </code>
/// The customer id is not repeated: it is in the key. A value of another length or version, or one that does not
/// decode (bad decimal flags, unknown stage...), is a miss, so a newer writer never breaks an older reader.
/// </summary>
public static class CustomerScoreCodec
{
    public const byte Version = 1;
    public const int Length = 154;

    /// <summary>Scores in the customer cache, under <c>{KeyPrefix}score:{customerId}</c>.</summary>
    public static readonly CacheFormat<CustomerScore> Format = new("score", Encode, TryDecode);

    public static byte[] Encode(CustomerScore score)
    {
        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], score.SnapshotId);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], score.AsOf.ToBinary());
        BinaryPrimitives.WriteInt64LittleEndian(span[17..], score.ScoredAt.ToBinary());
        BinaryPrimitives.WriteInt32LittleEndian(span[25..], score.Frequency);
        BinaryPrimitives.WriteDoubleLittleEndian(span[29..], score.Recency);
        BinaryPrimitives.WriteDoubleLittleEndian(span[37..], score.Age);
        WriteDecimal(span[45..], score.MonetaryValue);
        BinaryPrimitives.WriteDoubleLittleEndian(span[61..], score.ProbabilityAlive);
        BinaryPrimitives.WriteDoubleLittleEndian(span[69..], score.ExpectedPurchases);
        WriteDecimal(span[77..], score.PredictedClv);
        WriteDecimal(span[93..], score.HistoricalClv);
        WriteDecimal(span[109..], score.AverageOrderValue);
        WriteDecimal(span[125..], score.ExpectedAverageOrderValue);
        BinaryPrimitives.WriteInt32LittleEndian(span[141..], score.RfmRecency);
        BinaryPrimitives.WriteInt32LittleEndian(span[145..], score.RfmFrequency);
        BinaryPrimitives.WriteInt32LittleEndian(span[149..], score.RfmMonetary);
        span[153] = (byte)score.Stage;
        return bytes;
    }

    /// <returns>False (a miss) for anything that is not a version-1 value.</returns>
    public static bool TryDecode(long customerId, ReadOnlySpan<byte> value, out CustomerScore? score)
    {
        score = null;
        if (value.Length != Length || value[0] != Version)
            return false;
        var stage = (LifecycleStage)value[153];
        if (!Enum.IsDefined(stage))
            return false;
        try
        {
            score = new CustomerScore(
                customerId,
                SnapshotId: BinaryPrimitives.ReadInt64LittleEndian(value[1..]),
                AsOf: DateTime.FromBinary(BinaryPrimitives.ReadInt64LittleEndian(value[9..])),
                ScoredAt: DateTime.FromBinary(BinaryPrimitives.ReadInt64LittleEndian(value[17..])),
                Frequency: BinaryPrimitives.ReadInt32LittleEndian(value[25..]),
                Recency: BinaryPrimitives.ReadDoubleLittleEndian(value[29..]),
                Age: BinaryPrimitives.ReadDoubleLittleEndian(value[37..]),
                MonetaryValue: ReadDecimal(value[45..]),
                ProbabilityAlive: BinaryPrimitives.ReadDoubleLittleEndian(value[61..]),
                ExpectedPurchases: BinaryPrimitives.ReadDoubleLittleEndian(value[69..]),
                PredictedClv: ReadDecimal(value[77..]),
                HistoricalClv: ReadDecimal(value[93..]),
                AverageOrderValue: ReadDecimal(value[109..]),
                ExpectedAverageOrderValue: ReadDecimal(value[125..]),
                RfmRecency: BinaryPrimitives.ReadInt32LittleEndian(value[141..]),
                RfmFrequency: BinaryPrimitives.ReadInt32LittleEndian(value[145..]),
                RfmMonetary: BinaryPrimitives.ReadInt32LittleEndian(value[149..]),
                stage
            );
            return true;
        }
        catch (ArgumentException)
        {
            // Invalid decimal flags or DateTime ticks: corrupt bytes are a miss, not an error.
            return false;
        }
    }

    private static void WriteDecimal(Span<byte> destination, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        for (var i = 0; i < 4; i++)
            BinaryPrimitives.WriteInt32LittleEndian(destination[(i * 4)..], bits[i]);
    }

    private static decimal ReadDecimal(ReadOnlySpan<byte> source)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(i * 4)..]);
        return new decimal(bits);
    }
}
