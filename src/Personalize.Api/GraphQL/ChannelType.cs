using Personalize.Common;

namespace Personalize.Api.GraphQL;

public sealed class ChannelType() : DescribedEnumType<Channel>("Where a customer is reached.");
