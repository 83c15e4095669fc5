using Personalize.Content;

namespace Personalize.Api.GraphQL;

public sealed class ContentStatusType() : DescribedEnumType<ContentStatus>("Whether a content item may be shown.");
