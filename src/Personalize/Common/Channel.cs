namespace Personalize.Common;

public enum Channel
{
    [System.ComponentModel.Description("The web storefront.")]
    Web,

    [System.ComponentModel.Description("The mobile app.")]
    App,

    [System.ComponentModel.Description("Marketing and service emails.")]
    Email,
}

[Flags]
public enum ChannelSet
{
    None = 0,
    Web = 1 << Channel.Web,
    App = 1 << Channel.App,
    Email = 1 << Channel.Email,
    All = Web | App | Email,
}
