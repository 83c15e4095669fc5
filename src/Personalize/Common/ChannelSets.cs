namespace Personalize.Common;

public static class ChannelSets
{
    public static ChannelSet From(IEnumerable<Channel> channels) =>
        channels.Aggregate(ChannelSet.None, (set, c) => set | (ChannelSet)(1 << (int)c));

    public static IReadOnlyList<Channel> ToList(ChannelSet set) =>
        Enum.GetValues<Channel>().Where(c => set.HasFlag((ChannelSet)(1 << (int)c))).ToList();

    public static bool Contains(this ChannelSet set, Channel channel) => set.HasFlag((ChannelSet)(1 << (int)channel));
}
