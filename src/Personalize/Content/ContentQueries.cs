using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Content;

public sealed class ContentQueries(IDbContextFactory<PersonalizeDbContext> factory, IOptions<PagingOptions> paging)
{
    public static readonly FilterDefinition<ContentItem> Filter = new FilterDefinition<ContentItem>(
        "ContentItemFilterInput",
        "Conditions on content items, combined with AND; `and`/`or` nest."
    )
        .String("id", c => c.Slug, "The item's id (slug).")
        .Enum("kind", c => c.Kind, "What sort of content it is.")
        .String("title", c => c.Title, "Title.")
        .Enum("status", c => c.Status, "DRAFT, PUBLISHED or ARCHIVED.")
        .String("locale", c => c.Locale, "BCP 47 locale; null means any locale.")
        .StringList("tags", c => c.Tags, t => t.Tag, "Tags (lower case).")
        .EnumSet<LifecycleStage, LifecycleStageSet>(
            "targetStages",
            c => c.TargetStages,
            "Stages the item is meant for; an empty set means every stage."
        )
        .StringList("targetSegments", c => c.TargetSegments, s => s.Slug, "Ids of the segments the item is meant for.")
        .EnumSet<Channel, ChannelSet>("channels", c => c.Channels, "Channels the item may be shown on.")
        .Comparable("publishFrom", c => c.PublishFrom, "Start of the publication window (null: no start).")
        .Comparable("publishUntil", c => c.PublishUntil, "End of the publication window (null: no end).")
        .Comparable("createdAt", c => c.CreatedAt, "When the item was created.")
        .Comparable("updatedAt", c => c.UpdatedAt, "When the item was last changed.");

    public static readonly SortDefinition<ContentItem> Sort = new SortDefinition<ContentItem>(
        "ContentItemSortInput",
        "One field to sort content items by.",
        c => c.Id
    )
        .Field("id", c => c.Slug, "The item's id (slug).")
        .Field("title", c => c.Title, "Title.")
        .Field("kind", c => c.Kind, "Kind, in the order of the ContentKind enum.")
        .Field("publishFrom", c => c.PublishFrom, "Start of the publication window.")
        .Field("createdAt", c => c.CreatedAt, "When the item was created.")
        .Field("updatedAt", c => c.UpdatedAt, "When the item was last changed.");

    public Task<Connection<ContentItem>> ListAsync(
        IReadOnlyDictionary<string, object?>? where,
        IEnumerable<object?>? order,
        PageRequest page,
        CancellationToken cancellationToken
    ) =>
        Connection<ContentItem>.ReadAsync(
            factory,
            WithDetails,
            Filter,
            where,
            Sort,
            order,
            page,
            paging.Value,
            cancellationToken
        );

    public async Task<IReadOnlyDictionary<string, ContentItem>> BySlugsAsync(
        IReadOnlyCollection<string> slugs,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithDetails(db)
            .Where(c => slugs.Contains(c.Slug))
            .ToDictionaryAsync(c => c.Slug, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, ContentItem>> ByIdsAsync(
        IReadOnlyCollection<long> ids,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithDetails(db).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    /// <summary>Every item with its tags and target segments, e.g. for the recommendation catalog held in
    /// memory.</summary>
    public async Task<List<ContentItem>> AllAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithDetails(db).ToListAsync(cancellationToken);
    }

    private static IQueryable<ContentItem> WithDetails(PersonalizeDbContext db) =>
        db.ContentItems.Include(c => c.Tags).Include(c => c.TargetSegments).AsSplitQuery();
}
