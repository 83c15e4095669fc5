using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Data;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Content;

/// <summary>
/// The fields of a content item a caller sets. On update, null leaves a field as it is; an empty string clears an
/// optional text and an empty list clears a list.
/// </summary>
public sealed record ContentItemInput(
    string Id,
    ContentKind? Kind = null,
    string? Title = null,
    string? Summary = null,
    string? Url = null,
    string? ImageUrl = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<LifecycleStage>? TargetStages = null,
    IReadOnlyList<string>? TargetSegments = null,
    IReadOnlyList<Channel>? Channels = null,
    string? Locale = null,
    DateTime? PublishFrom = null,
    DateTime? PublishUntil = null,
    ContentStatus? Status = null
);

public sealed class ContentService(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
{
    public Task<MutationResult<ContentItem>> CreateAsync(ContentItemInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: true, cancellationToken);

    public Task<MutationResult<ContentItem>> UpdateAsync(ContentItemInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: false, cancellationToken);

    public Task<MutationResult<ContentItem>> ArchiveAsync(string id, CancellationToken cancellationToken) =>
        SaveAsync(new ContentItemInput(id, Status: ContentStatus.Archived), create: false, cancellationToken);

    private async Task<MutationResult<ContentItem>> SaveAsync(
        ContentItemInput input,
        bool create,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var slug = v.Slug("id", input.Id);
        if (!v.IsValid)
            return MutationResult<ContentItem>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var item = await db
            .ContentItems.AsTracking()
            .AsSingleQuery() // one item: its few tags × segments in one statement, not three
            .Include(c => c.Tags)
            .Include(c => c.TargetSegments)
            .FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (create && item is not null)
            v.Conflict("id", $"A content item with the id '{slug}' already exists; use updateContentItem.");
        if (!create && item is null)
            return MutationResult<ContentItem>.NotFound("input.id", "content item", slug!);
        if (create)
        {
            if (input.Kind is null)
                v.Fail("kind", "is required.");
            if (string.IsNullOrWhiteSpace(input.Title))
                v.Fail("title", "is required.");
        }
        if (!v.IsValid)
            return MutationResult<ContentItem>.Fail(v.Errors);

        item ??= db.ContentItems.Add(new ContentItem { Slug = slug!, CreatedAt = now }).Entity;
        item.Kind = input.Kind ?? item.Kind;
        if (input.Title is not null)
            item.Title = v.Text("title", input.Title, 300, required: true) ?? item.Title;
        if (input.Summary is not null)
            item.Summary = v.Text("summary", input.Summary, 2000);
        if (input.Url is not null)
            item.Url = v.Url("url", input.Url);
        if (input.ImageUrl is not null)
            item.ImageUrl = v.Url("imageUrl", input.ImageUrl);
        if (input.Locale is not null)
            item.Locale = v.Locale("locale", input.Locale);
        if (input.Tags is not null)
            item.Tags = v.Tags("tags", input.Tags).Select(t => new ContentTag { Tag = t }).ToList();
        await TargetingWriter.ApplyAsync(
            db,
            item,
            new TargetingInput(
                input.TargetStages,
                input.TargetSegments,
                input.Channels,
                input.PublishFrom,
                input.PublishUntil
            ),
            TargetingNames.ContentInput,
            v,
            cancellationToken
        );
        item.Status = input.Status ?? item.Status;
        item.UpdatedAt = now;
        if (!v.IsValid)
            return MutationResult<ContentItem>.Fail(v.Errors);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return MutationResult<ContentItem>.Fail([
                new MutationError(
                    MutationErrorCode.Conflict,
                    $"A content item with the id '{slug}' was created at the same time.",
                    "input.id"
                ),
            ]);
        }
        return MutationResult<ContentItem>.Ok(item);
    }
}
