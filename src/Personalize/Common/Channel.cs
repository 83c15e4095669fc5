namespace Personalize.Common;

public enum Channel { Web, App, Email }

[Flags]
public enum ChannelSet
{
    None = 0,
    Web = 1 << Channel.Web,
    App = 1 << Channel.App,
    Email = 1 << Channel.Email,
    All = Web | App | Email,
}
