using Personalize.Scores;

namespace Personalize.Tests.Scores;

public sealed class CustomerScoreCodecTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(123_456_789_012)]
    public void Every_field_survives_encoding(long customerId)
    {
        var score = ScoreSamples.For(customerId);

        var bytes = CustomerScoreCodec.Encode(score);

        Assert.Equal(CustomerScoreCodec.Length, bytes.Length);
        Assert.True(CustomerScoreCodec.TryDecode(customerId, bytes, out var decoded));
        Assert.Equal(score, decoded);
        Assert.Equal(score.AsOf.Kind, decoded!.AsOf.Kind);
    }

    [Fact]
    public void A_value_of_another_version_or_length_is_a_miss()
    {
        var bytes = CustomerScoreCodec.Encode(ScoreSamples.For(1));
        var nextVersion = (byte[])bytes.Clone();
        nextVersion[0] = CustomerScoreCodec.Version + 1;

        Assert.False(CustomerScoreCodec.TryDecode(1, nextVersion, out _));
        Assert.False(CustomerScoreCodec.TryDecode(1, [.. bytes, 0], out _));
        Assert.False(CustomerScoreCodec.TryDecode(1, [], out _));
    }
}
