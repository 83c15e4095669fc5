using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Content;
using Personalize.Data;

namespace Personalize.Recommendations.Serving;

/// <summary>
/// A place where recommendations are shown (home hero, product page, cart, an email block), with its merchandising
/// rules: items pinned first, items buried at the end, items never shown, and how many items of one kind or one tag
/// a list may hold. Data, not configuration, so marketing staff change it with <c>upsertPlacement</c> at once.
/// A placement that does not exist gets no pins and no diversity limits.
/// </summary>
public class Placement
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>At most this many items of one kind per list (null: no limit).</summary>
    public int? MaxPerKind { get; set; }

    /// <summary>At most this many items carrying one tag per list (null: no limit).</summary>
    public int? MaxPerTag { get; set; }
    public List<PlacementItem> Items { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum PlacementRule : byte
{
    [System.ComponentModel.Description("Shown first, in the order given, whenever the item is valid for the request.")]
    Pin,

    [System.ComponentModel.Description("Ranked after every other item.")]
    Bury,

    [System.ComponentModel.Description("Never shown in this placement.")]
    Exclude,
}

public class PlacementItem
{
    public long PlacementId { get; set; }
    public long ContentItemId { get; set; }
    public PlacementRule Rule { get; set; }

    /// <summary>Order within the rule (pins are shown in this order).</summary>
    public int Position { get; set; }
    public ContentItem? ContentItem { get; set; }
}

/// <summary>The fields of a placement a caller sets; null leaves a field (or list) as it is, an empty list clears
/// it.</summary>
public sealed record PlacementInput(
    string Id,
    string? Description = null,
    int? MaxPerKind = null,
    int? MaxPerTag = null,
    IReadOnlyList<string>? Pinned = null,
    IReadOnlyList<string>? Buried = null,
    IReadOnlyList<string>? Excluded = null
);

public sealed class PlacementService(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
{
    public const int MaxItemsPerRule = 100;

    /// <summary>Creates the placement or updates it; a list given replaces that rule's items.</summary>
    public async Task<MutationResult<Placement>> UpsertAsync(PlacementInput input, CancellationToken cancellationToken)
    {
        var v = new Validator();
        var slug = v.Slug("id", input.Id);
        v.Range("maxPerKind", input.MaxPerKind, 0, 1000);
        v.Range("maxPerTag", input.MaxPerTag, 0, 1000);
        if (!v.IsValid)
            return MutationResult<Placement>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rules = new (string Field, PlacementRule Rule, IReadOnlyList<string>? Slugs)[]
        {
            ("pinned", PlacementRule.Pin, input.Pinned),
            ("buried", PlacementRule.Bury, input.Buried),
            ("excluded", PlacementRule.Exclude, input.Excluded),
        };
        var named = rules.SelectMany(r => r.Slugs ?? []).Select(s => s.Trim()).Distinct().ToList();
        var items = await db
            .ContentItems.Where(c => named.Contains(c.Slug))
            .ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
        var seen = new Dictionary<string, string>();
        foreach (var (field, _, slugs) in rules)
        {
            if (slugs is null)
                continue;
            if (slugs.Count > MaxItemsPerRule)
                v.Fail(field, $"names {slugs.Count} items; at most {MaxItemsPerRule} are allowed.");
            for (var i = 0; i < slugs.Count; i++)
            {
                var itemSlug = slugs[i].Trim();
                if (!items.ContainsKey(itemSlug))
                    v.NotFound($"{field}[{i}]", $"No content item has the id '{itemSlug}'.");
                else if (seen.TryGetValue(itemSlug, out var first))
                    v.Fail(
                        $"{field}[{i}]",
                        $"'{itemSlug}' is already in {first}; an item takes one rule per placement."
                    );
                else
                    seen[itemSlug] = field;
            }
        }
        if (!v.IsValid)
            return MutationResult<Placement>.Fail(v.Errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var placement = await db
            .Placements.AsTracking()
            .Include(p => p.Items)
            .FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken)
            ?? db.Placements.Add(new Placement { Slug = slug!, CreatedAt = now }).Entity;
        if (input.Description is not null)
            placement.Description = v.Text("description", input.Description, 400);
        if (input.MaxPerKind is not null)
            placement.MaxPerKind = input.MaxPerKind == 0 ? null : input.MaxPerKind;
        if (input.MaxPerTag is not null)
            placement.MaxPerTag = input.MaxPerTag == 0 ? null : input.MaxPerTag;
        foreach (var (_, rule, slugs) in rules)
        {
            if (slugs is null)
                continue;
            placement.Items.RemoveAll(i => i.Rule == rule);
            placement.Items.AddRange(
                slugs.Select(
                    (s, position) =>
                        new PlacementItem
                        {
                            ContentItemId = items[s.Trim()],
                            Rule = rule,
                            Position = position,
                        }
                )
            );
        }
        placement.UpdatedAt = now;
        if (!v.IsValid)
            return MutationResult<Placement>.Fail(v.Errors);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return MutationResult<Placement>.Fail([
                new MutationError(
                    MutationErrorCode.Conflict,
                    $"The placement '{slug}' was created at the same time.",
                    "input.id"
                ),
            ]);
        }
        return MutationResult<Placement>.Ok(
            (await ReadAsync(db.Placements.Where(p => p.Id == placement.Id), cancellationToken)).Single()
        );
    }

    public async Task<IReadOnlyList<Placement>> AllAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db.Placements.OrderBy(p => p.Slug), cancellationToken);
    }

    /// <summary>Placements with their items, each item with its tags and target segments (the schema shows
    /// them).</summary>
    private static Task<List<Placement>> ReadAsync(
        IQueryable<Placement> placements,
        CancellationToken cancellationToken
    ) =>
        placements
            .AsNoTracking()
            .Include(p => p.Items)
                .ThenInclude(i => i.ContentItem)
                    .ThenInclude(c => c!.Tags)
            .Include(p => p.Items)
                .ThenInclude(i => i.ContentItem)
                    .ThenInclude(c => c!.TargetSegments)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
}
