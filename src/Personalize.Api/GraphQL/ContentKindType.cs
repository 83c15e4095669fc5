using Personalize.Content;

namespace Personalize.Api.GraphQL;

public sealed class ContentKindType() : DescribedEnumType<ContentKind>("What sort of content an item is.");
