using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Content;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Import;

public sealed record ContentRow(
    string Slug,
    ContentKind Kind,
    string Title,
    string? Summary,
    string? Url,
    string? ImageUrl,
    IReadOnlyList<string> Tags,
    TargetingRow Targeting,
    string? Locale,
    ContentStatus Status
);

/// <summary>
/// slug,kind,title,summary,url,image_url,tags,target_stages,channels,locale,publish_from,publish_until,status[,target_segments]
/// — upserts by slug; list columns are pipe-separated.
/// </summary>
internal sealed class ContentImport : IRowImport<ContentRow>
{
    public string What => "content items";
    public IReadOnlyList<string> RequiredColumns { get; } = ["slug", "kind", "title"];
    public bool AffectsCustomerSummaries => false;

    public ContentRow Parse(CsvRow row, ImportSession session)
    {
        return new ContentRow(
            Cells.MaxLength("slug", Cells.Slug("slug", row.Required("slug")), 128),
            row.Enum<ContentKind>("kind"),
            Cells.MaxLength("title", row.Required("title"), 300),
            Cells.MaxLength("summary", row.Text("summary"), 2000),
            Cells.MaxLength("url", row.Text("url"), 2000),
            Cells.MaxLength("image_url", row.Text("image_url"), 2000),
            row.List("tags").Select(t => Cells.MaxLength("tags", t.ToLowerInvariant(), 64)).Distinct().ToList(),
            TargetingRow.Parse(row, TargetingNames.ContentColumns),
            Cells.Locale("locale", row.Text("locale")),
            row.Enum<ContentStatus>("status", ContentStatus.Draft)
        );
    }

    public async Task WriteAsync(
        IReadOnlyList<Parsed<ContentRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var slugs = batch.Select(b => b.Row.Slug).Distinct().ToList();
        var items = await session
            .Db.ContentItems.AsTracking()
            .AsSplitQuery()
            .Include(c => c.Tags)
            .Include(c => c.TargetSegments)
            .Where(c => slugs.Contains(c.Slug))
            .ToDictionaryAsync(c => c.Slug, cancellationToken);
        var segments = await SegmentLookup.LoadAsync(
            session,
            batch.SelectMany(b => b.Row.Targeting.Segments),
            cancellationToken
        );

        var created = 0;
        foreach (var (line, row) in batch)
        {
            if (row.Targeting.UnknownSegment(segments) is { } unknown)
            {
                session.ReportBad(line, $"{TargetingNames.ContentColumns.Segments}: unknown segment '{unknown}'");
                continue;
            }
            if (!items.TryGetValue(row.Slug, out var item))
            {
                item = new ContentItem
                {
                    Slug = row.Slug,
                    CreatedAt = session.Now,
                    UpdatedAt = session.Now,
                };
                Apply(row, item, segments);
                session.Db.ContentItems.Add(item);
                items[row.Slug] = item;
                created++;
                session.ReportImported();
            }
            else if (Apply(row, item, segments))
            {
                item.UpdatedAt = session.Now;
                session.ReportImported();
            }
            else
                session.ReportSkipped("unchanged");
        }
        await session.SaveAsync(cancellationToken);
        session.ReportCreated("content items", created);
    }

    private static bool Apply(ContentRow row, ContentItem c, IReadOnlyDictionary<string, Segment> segments)
    {
        var changes = new Changes();
        changes.Set(c.Kind, row.Kind, v => c.Kind = v);
        changes.Set(c.Title, row.Title, v => c.Title = v);
        changes.Set(c.Summary, row.Summary, v => c.Summary = v);
        changes.Set(c.Url, row.Url, v => c.Url = v);
        changes.Set(c.ImageUrl, row.ImageUrl, v => c.ImageUrl = v);
        changes.Set(c.Locale, row.Locale, v => c.Locale = v);
        changes.Set(c.Status, row.Status, v => c.Status = v);
        var tagsChanged = CollectionSync.Sync(c.Tags, row.Tags, t => t.Tag, t => new ContentTag { Tag = t });
        var segmentsChanged = row.Targeting.ApplyTo(c, segments, changes);
        return changes.Any || tagsChanged || segmentsChanged;
    }
}

/// <summary>Makes a child collection hold exactly the wanted keys, touching only what differs.</summary>
internal static class CollectionSync
{
    public static bool Sync<T>(
        List<T> current,
        IReadOnlyList<string> wanted,
        Func<T, string> key,
        Func<string, T> create
    )
    {
        var removed = current.RemoveAll(x => !wanted.Contains(key(x)));
        var have = current.Select(key).ToHashSet();
        var added = wanted.Where(w => !have.Contains(w)).Select(create).ToList();
        current.AddRange(added);
        return removed > 0 || added.Count > 0;
    }
}

/// <summary>Tracked segments by slug, for the target/eligible segment columns.</summary>
internal static class SegmentLookup
{
    public static async Task<Dictionary<string, Segment>> LoadAsync(
        ImportSession session,
        IEnumerable<string> slugs,
        CancellationToken cancellationToken
    )
    {
        var wanted = slugs.Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        return await session
            .Db.Segments.AsTracking()
            .Where(s => wanted.Contains(s.Slug))
            .ToDictionaryAsync(s => s.Slug, cancellationToken);
    }
}
