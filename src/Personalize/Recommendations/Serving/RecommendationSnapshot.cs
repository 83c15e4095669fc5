using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Common;
using Personalize.Content;
using Personalize.Data;

namespace Personalize.Recommendations.Serving;

/// <summary>The content items in memory, indexed for the request path: by id, newest first, and per targeted
/// stage.</summary>
public sealed class Catalog
{
    public static readonly Catalog Empty = new([]);

    public Catalog(IReadOnlyCollection<ContentItem> items)
    {
        ById = items.ToDictionary(i => i.Id);
        var published = items
            .Where(i => i.Status == ContentStatus.Published)
            .OrderByDescending(PublishedAt)
            .ThenByDescending(i => i.Id)
            .ToArray();
        Newest = published;
        TargetedAt = Enum.GetValues<LifecycleStage>()
            .ToDictionary(
                s => s,
                s =>
                    published.Where(i => i.TargetStages != LifecycleStageSet.None && i.TargetStages.Admits(s)).ToArray()
            );
    }

    public IReadOnlyDictionary<long, ContentItem> ById { get; }

    /// <summary>Published items, most recently published first.</summary>
    public ContentItem[] Newest { get; }

    /// <summary>Published items that name the stage among their target stages, most recently published first.</summary>
    public IReadOnlyDictionary<LifecycleStage, ContentItem[]> TargetedAt { get; }

    public static DateTime PublishedAt(ContentItem item) => item.PublishFrom ?? item.CreatedAt;
}

/// <summary>A placement's rules ready for ranking; <see cref="None"/> for a placement that does not exist.</summary>
public sealed record PlacementRules(
    string Slug,
    IReadOnlyList<long> Pinned,
    IReadOnlySet<long> Buried,
    IReadOnlySet<long> Excluded,
    int? MaxPerKind,
    int? MaxPerTag
)
{
    public static PlacementRules None(string? slug) =>
        new(slug ?? "", [], new HashSet<long>(), new HashSet<long>(), null, null);

    public static PlacementRules From(Placement p)
    {
        IEnumerable<long> Of(PlacementRule rule) =>
            p.Items.Where(i => i.Rule == rule).OrderBy(i => i.Position).Select(i => i.ContentItemId);
        return new(
            p.Slug,
            Of(PlacementRule.Pin).ToArray(),
            Of(PlacementRule.Bury).ToHashSet(),
            Of(PlacementRule.Exclude).ToHashSet(),
            p.MaxPerKind,
            p.MaxPerTag
        );
    }
}

/// <summary>Everything a request ranks with, swapped as a whole: the model version, the catalog and the
/// placements.</summary>
public sealed record RecommendationSnapshot(
    ServingModel Model,
    Catalog Catalog,
    IReadOnlyDictionary<string, PlacementRules> Placements
)
{
    public PlacementRules Placement(string? slug) =>
        slug is not null && Placements.TryGetValue(slug, out var rules) ? rules : PlacementRules.None(slug);
}

/// <summary>
/// Holds the current <see cref="RecommendationSnapshot"/> and replaces it when the database has a newer model version,
/// changed content or changed placements. Requests read <see cref="GetAsync"/> (one volatile read once loaded) and keep
/// the object they got for the whole batch; a refresh builds a new object off the request path and swaps the
/// reference, so no request ever sees half a model, and a failed load leaves the previous snapshot in place.
/// </summary>
public sealed class RecommendationSnapshots(
    IDbContextFactory<PersonalizeDbContext> factory,
    ContentQueries content,
    PlacementService placements,
    ILogger<RecommendationSnapshots> logger
)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Loaded? _current;

    private sealed record Stamps(
        long ModelVersion,
        DateTime? ContentChanged,
        int ContentCount,
        DateTime? PlacementsChanged,
        int PlacementCount
    );

    private sealed record Loaded(RecommendationSnapshot Snapshot, Stamps Stamps);

    /// <summary>The snapshot loaded last; null before the first load.</summary>
    public RecommendationSnapshot? Current => _current?.Snapshot;

    /// <summary>Whether a placement id exists (null asks for none; before the first snapshot, every id is taken on
    /// trust).</summary>
    public bool KnowsPlacement(string? placement) =>
        placement is null || Current?.Placements.ContainsKey(placement) != false;

    public async ValueTask<RecommendationSnapshot> GetAsync(CancellationToken cancellationToken) =>
        _current?.Snapshot ?? await RefreshAsync(cancellationToken);

    /// <summary>Loads what changed since the last refresh (three small statements when nothing did) and swaps the
    /// snapshot.</summary>
    public async Task<RecommendationSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            Stamps stamps;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var model = await db.RecommenderModels.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
                var items = await db
                    .ContentItems.GroupBy(_ => 1)
                    .Select(g => new { Changed = g.Max(c => (DateTime?)c.UpdatedAt), Count = g.Count() })
                    .SingleOrDefaultAsync(cancellationToken);
                var rules = await db
                    .Placements.GroupBy(_ => 1)
                    .Select(g => new { Changed = g.Max(p => (DateTime?)p.UpdatedAt), Count = g.Count() })
                    .SingleOrDefaultAsync(cancellationToken);
                stamps = new Stamps(model, items?.Changed, items?.Count ?? 0, rules?.Changed, rules?.Count ?? 0);
            }
            if (current is not null && current.Stamps == stamps)
                return current.Snapshot;

            var snapshot = new RecommendationSnapshot(
                current is not null && current.Stamps.ModelVersion == stamps.ModelVersion
                    ? current.Snapshot.Model
                    : await LoadModelAsync(stamps.ModelVersion, cancellationToken),
                current is not null
                && (current.Stamps.ContentChanged, current.Stamps.ContentCount)
                    == (stamps.ContentChanged, stamps.ContentCount)
                    ? current.Snapshot.Catalog
                    : new Catalog(await content.AllAsync(cancellationToken)),
                current is not null
                && (current.Stamps.PlacementsChanged, current.Stamps.PlacementCount)
                    == (stamps.PlacementsChanged, stamps.PlacementCount)
                    ? current.Snapshot.Placements
                    : (await placements.AllAsync(cancellationToken)).ToDictionary(p => p.Slug, PlacementRules.From)
            );
            if (current?.Snapshot.Model.Version != snapshot.Model.Version)
                logger.LogInformation(
                    "Serving recommender version {Version} (as of {AsOf:yyyy-MM-dd}).",
                    snapshot.Model.Version,
                    snapshot.Model.AsOf
                );
            _current = new Loaded(snapshot, stamps);
            return snapshot;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<ServingModel> LoadModelAsync(long version, CancellationToken cancellationToken)
    {
        if (version == 0)
            return ServingModel.None;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db
            .RecommenderModels.Where(m => m.Id == version)
            .Select(m => new
            {
                m.Id,
                m.AsOf,
                m.TrainedAt,
                m.Lists,
                m.Selection,
            })
            .SingleAsync(cancellationToken);
        return new ServingModel(row.Id, row.AsOf, row.TrainedAt, ServingLists.FromBytes(row.Lists))
        {
            Selection = ModelSelection.FromBytes(row.Selection),
        };
    }
}
