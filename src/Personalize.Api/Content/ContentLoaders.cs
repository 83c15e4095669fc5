using Personalize.Api.GraphQL;
using Personalize.Content;

namespace Personalize.Api.Content;

/// <summary>The content feature's batch loaders.</summary>
public static class ContentLoaders
{
    /// <summary>A content item by its id (slug); null when unknown.</summary>
    public static Result<ContentItem?> ContentItemById(this BatchLoaders loaders, string id) =>
        loaders
            .Get<string, ContentItem>("content-item-by-id", (ids, ct) =>
                loaders.Service<ContentQueries>().BySlugsAsync(ids, ct)
            )
            .Load(id);

    /// <summary>A content item by its stored id.</summary>
    public static Result<ContentItem?> ContentItemByKey(this BatchLoaders loaders, long key) =>
        loaders
            .Get<long, ContentItem>("content-item-by-key", (keys, ct) =>
                loaders.Service<ContentQueries>().ByIdsAsync(keys, ct)
            )
            .Load(key);
}
