using Personalize.Common;
using Personalize.Content;
using Personalize.Targeting;

namespace Personalize.Recommendations.Serving;

/// <summary>What a caller asks for: how many items, for which placement and channel, of which kinds (null:
/// any).</summary>
public sealed record RecommendationRequest(
    int First,
    string? Placement = null,
    Channel? Channel = null,
    IReadOnlySet<ContentKind>? Kinds = null
);

/// <summary>One customer as the ranking needs them: stage, consent, locale, precomputed candidates, items to leave
/// out.</summary>
public sealed record RecommendationCustomer(
    long Id,
    LifecycleStage Stage,
    bool ConsentPersonalization,
    string? Locale,
    CandidateList? Candidates,
    IReadOnlySet<long> Consumed,
    IReadOnlySet<long> Dismissed
)
{
    public static readonly IReadOnlySet<long> NoItems = new HashSet<long>();
}

/// <summary>Why an item is shown, in words a customer can read; <see cref="RelatedItem"/> is the X of "Because you
/// bought X".</summary>
public sealed record RecommendationReason(ReasonCode Code, string Text, ContentItem? RelatedItem);

public sealed record Recommendation(ContentItem Item, double Score, RecommendationReason Reason)
{
    public double Score { get; } = Math.Round(Score, 4);
}

/// <summary>
/// The per-request ranking: the precomputed candidates (or, for prospects, customers unknown to the model and customers
/// without personalization consent, non-personal lists) merged with stage-targeted content, then the business rules.
/// Pure and allocation-light: it reads only the snapshot and the customer given.
/// <list type="number">
/// <item>Only published items inside their publication window, on the channel asked for, in the customer's language
/// (an item without a locale fits everyone), of the kinds asked for; never an item excluded by the placement, dismissed
/// by the customer, or already taken when its kind is not repeatable.</item>
/// <item>Candidates score in (0.5, 1] by their re-ranker order, stage bestsellers in (0, 0.5], stage-targeted content
/// 0.35 down to 0.25; an item targeted at the customer's stage is multiplied by 1 + <see cref="RecommendationOptions.StageBoost"/>.</item>
/// <item>Without consent: the overall bestsellers, pins and new items only — no stage, no history — and every reason is NOT_PERSONALIZED.</item>
/// <item>Pinned items first, in the placement's order; buried items after every other item.</item>
/// <item>One slot in ten (<see cref="RecommendationOptions.NewItemShare"/>, rounded up, for lists of 4 or more) goes to a new
/// item the model cannot rank yet, at the end of the list, rotating among the new items by customer and day.</item>
/// <item>Diversity: at most the placement's MaxPerKind items of one kind and MaxPerTag items with one tag.</item>
/// </list>
/// </summary>
public static class RecommendationRanker
{
    private const double PersonalFloor = 0.5,
        StagePopularityCeiling = 0.5,
        TargetedTop = 0.35,
        TargetedBottom = 0.25;
    private const int NewItemsScanned = 200;

    public static IReadOnlyList<Recommendation> Rank(
        RecommendationSnapshot snapshot,
        RecommendationCustomer customer,
        RecommendationRequest request,
        DateTime now,
        RecommendationOptions options
    )
    {
        var catalog = snapshot.Catalog;
        var rules = snapshot.Placement(request.Placement);
        var personal = customer.ConsentPersonalization;
        var want = request.First;
        if (want <= 0)
            return [];

        bool Eligible(ContentItem item) =>
            item.Status == ContentStatus.Published
            && item.IsLiveAt(now)
            && item.Reaches(request.Channel)
            && LocaleFits(item.Locale, customer.Locale)
            && (request.Kinds is null || request.Kinds.Contains(item.Kind))
            && !rules.Excluded.Contains(item.Id)
            && !customer.Dismissed.Contains(item.Id)
            && !(personal && customer.Consumed.Contains(item.Id));

        var pool = new Dictionary<long, Scored>();
        void Offer(long itemId, double score, ReasonCode reason, long relatedId = 0)
        {
            if (!catalog.ById.TryGetValue(itemId, out var item) || !Eligible(item))
                return;
            if (personal && item.TargetStages != LifecycleStageSet.None && item.Admits(customer.Stage))
                score *= 1 + options.StageBoost;
            if (!pool.TryGetValue(itemId, out var existing) || existing.Score < score)
                pool[itemId] = new Scored(item, score, reason, relatedId);
        }

        if (personal)
        {
            var candidates = customer.Candidates?.Candidates ?? [];
            for (var r = 0; r < candidates.Count; r++)
                Offer(
                    candidates[r].ItemId,
                    1 - PersonalFloor * r / candidates.Count,
                    candidates[r].Reason,
                    candidates[r].RelatedItemId
                );
            OfferList(snapshot.Model.Lists.For(customer.Stage), ReasonCode.PopularWithStage, want * 2);
            var targeted = catalog.TargetedAt.GetValueOrDefault(customer.Stage) ?? [];
            for (int i = 0, offered = 0; i < targeted.Length && offered < want; i++)
                if (Eligible(targeted[i]))
                    Offer(
                        targeted[i].Id,
                        TargetedTop - (TargetedTop - TargetedBottom) * offered++ / want,
                        ReasonCode.PickedForStage
                    );
        }
        else
            OfferList(snapshot.Model.Lists.Trending, ReasonCode.NotPersonalized, want * 2);

        void OfferList(RankedItem[] list, ReasonCode reason, int count)
        {
            var top = list.Length > 0 ? list[0].Score : 1;
            for (int i = 0, offered = 0; i < list.Length && offered < count; i++)
                if (catalog.ById.TryGetValue(list[i].ItemId, out var item) && Eligible(item))
                {
                    Offer(item.Id, StagePopularityCeiling * list[i].Score / top, reason);
                    offered++;
                }
        }

        var result = new List<Recommendation>(want);
        var diversity = new Diversity(rules);
        foreach (var id in rules.Pinned)
            if (
                result.Count < want
                && catalog.ById.TryGetValue(id, out var pinned)
                && Eligible(pinned)
                && diversity.Take(pinned)
            )
            {
                result.Add(
                    new Recommendation(
                        pinned,
                        PinnedScore(options),
                        Reason(ReasonCode.Pinned, pinned, null, customer.Stage)
                    )
                );
                pool.Remove(id);
            }

        var newSlots = want >= 4 ? (int)Math.Ceiling(want * options.NewItemShare) : 0;
        var newItems = newSlots > 0 ? NewItems(catalog, customer, now, newSlots, options, Eligible, pool, result) : [];
        var ranked = pool.Values.ToList();
        ranked.Sort(
            (a, b) =>
            {
                var buried = rules.Buried.Contains(a.Item.Id).CompareTo(rules.Buried.Contains(b.Item.Id));
                return buried != 0 ? buried
                    : a.Score != b.Score ? b.Score.CompareTo(a.Score)
                    : a.Item.Id.CompareTo(b.Item.Id);
            }
        );
        var room = want - newItems.Count;
        foreach (var s in ranked)
        {
            if (result.Count >= room)
                break;
            if (diversity.Take(s.Item))
                result.Add(
                    new Recommendation(
                        s.Item,
                        s.Score,
                        Reason(s.Reason, s.Item, Related(catalog, s.RelatedId), customer.Stage, customer.Id != 0)
                    )
                );
        }
        foreach (var item in newItems)
            if (result.Count < want && diversity.Take(item))
                result.Add(new Recommendation(item, 0, Reason(ReasonCode.NewArrival, item, null, customer.Stage)));
        return result;
    }

    /// <summary>New items nobody could rank yet: published in the last <see cref="RecommendationOptions.NewItemDays"/>,
    /// eligible, not already on the list; rotated per customer and day.</summary>
    private static List<ContentItem> NewItems(
        Catalog catalog,
        RecommendationCustomer customer,
        DateTime now,
        int slots,
        RecommendationOptions options,
        Func<ContentItem, bool> eligible,
        Dictionary<long, Scored> pool,
        List<Recommendation> chosen
    )
    {
        var since = now.AddDays(-options.NewItemDays);
        var fresh = new List<ContentItem>();
        foreach (var item in catalog.Newest)
        {
            if (Catalog.PublishedAt(item) < since || fresh.Count == NewItemsScanned)
                break;
            if (
                Catalog.PublishedAt(item) <= now
                && eligible(item)
                && !pool.ContainsKey(item.Id)
                && chosen.All(c => c.Item.Id != item.Id)
            )
                fresh.Add(item);
        }
        if (fresh.Count == 0)
            return fresh;
        // Deterministic across processes and restarts (unlike HashCode), so every instance and an email send agree.
        var start = (int)(
            SplitMix((ulong)customer.Id * 31 + (ulong)(now.Ticks / TimeSpan.TicksPerDay)) % (ulong)fresh.Count
        );
        return Enumerable.Range(0, Math.Min(slots, fresh.Count)).Select(i => fresh[(start + i) % fresh.Count]).ToList();
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>Above every ranked item (whose best is 1 × the stage boost).</summary>
    public static double PinnedScore(RecommendationOptions options) => 2 + options.StageBoost;

    /// <summary>Pins and new items say what they are for everyone; the rest of a non-personal list says why it is not
    /// personal.</summary>
    public static RecommendationReason Reason(
        ReasonCode code,
        ContentItem item,
        ContentItem? related,
        LifecycleStage stage,
        bool knownCustomer = true
    ) =>
        new(
            code,
            code switch
            {
                ReasonCode.BecauseYouBought => $"Because you bought {related?.Title ?? "a similar item"}",
                ReasonCode.BecauseYouViewed => $"Because you read {related?.Title ?? "a similar item"}",
                ReasonCode.BuyAgain => "Buy it again",
                ReasonCode.PopularWithStage => $"Popular with {StageWords(stage)}",
                ReasonCode.PickedForStage => $"Picked for {StageWords(stage)}",
                ReasonCode.Trending => "Trending now",
                ReasonCode.NewArrival => "New",
                ReasonCode.Pinned => "Featured",
                _ when !knownCustomer =>
                    "Popular with our customers (not personalized: this customer id is not known yet)",
                _ => "Popular with our customers (not personalized: this customer has not agreed to personalization)",
            },
            related
        );

    private static string StageWords(LifecycleStage stage) =>
        stage switch
        {
            LifecycleStage.Prospect => "new visitors",
            LifecycleStage.New => "new customers",
            LifecycleStage.Active => "regular customers",
            LifecycleStage.AtRisk => "customers like you",
            LifecycleStage.Lapsed => "returning customers",
            _ => "loyal customers",
        };

    private static ContentItem? Related(Catalog catalog, long id) =>
        id == 0 ? null : catalog.ById.GetValueOrDefault(id);

    /// <summary>An item without a locale fits everyone, and everything fits a customer without one; otherwise the
    /// languages must match (fr-FR fits fr-BE).</summary>
    public static bool LocaleFits(string? itemLocale, string? customerLocale)
    {
        if (itemLocale is null || customerLocale is null)
            return true;
        var a = itemLocale.AsSpan();
        var b = customerLocale.AsSpan();
        var la = a.IndexOf('-') is var i and >= 0 ? a[..i] : a;
        var lb = b.IndexOf('-') is var j and >= 0 ? b[..j] : b;
        return la.Equals(lb, StringComparison.OrdinalIgnoreCase);
    }

    private readonly record struct Scored(ContentItem Item, double Score, ReasonCode Reason, long RelatedId);

    private sealed class Diversity(PlacementRules rules)
    {
        private readonly Dictionary<ContentKind, int> _kinds = [];
        private readonly Dictionary<string, int> _tags = [];

        /// <summary>Counts the item in, unless that would put more than the limits of one kind or one tag on the
        /// list.</summary>
        public bool Take(ContentItem item)
        {
            if (rules.MaxPerKind is { } maxKind && _kinds.GetValueOrDefault(item.Kind) >= maxKind)
                return false;
            if (rules.MaxPerTag is { } maxTag && item.Tags.Any(t => _tags.GetValueOrDefault(t.Tag) >= maxTag))
                return false;
            _kinds[item.Kind] = _kinds.GetValueOrDefault(item.Kind) + 1;
            foreach (var t in item.Tags)
                _tags[t.Tag] = _tags.GetValueOrDefault(t.Tag) + 1;
            return true;
        }
    }
}
