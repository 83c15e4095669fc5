using Personalize.Common;
using Personalize.Content;
using Personalize.Recommendations.Serving;

namespace Personalize.Tests.Recommendations;

/// <summary>The per-request ranking and each business rule, over an in-memory catalog and model lists.</summary>
public sealed class RecommendationRankerTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LongAgo = Now.AddYears(-1);
    private static readonly RecommendationOptions Options = new();

    private static ContentItem Item(
        long id,
        ContentKind kind = ContentKind.Article,
        string[]? tags = null,
        LifecycleStageSet stages = LifecycleStageSet.None,
        ChannelSet channels = ChannelSet.All,
        string? locale = null,
        ContentStatus status = ContentStatus.Published,
        DateTime? from = null,
        DateTime? until = null
    ) =>
        new()
        {
            Id = id,
            Slug = $"item-{id}",
            Title = $"Item {id}",
            Kind = kind,
            Tags = (tags ?? []).Select(t => new ContentTag { ContentItemId = id, Tag = t }).ToList(),
            TargetStages = stages,
            Channels = channels,
            Locale = locale,
            Status = status,
            PublishFrom = from ?? LongAgo,
            PublishUntil = until,
            CreatedAt = from ?? LongAgo,
        };

    private static RecommendationSnapshot Snapshot(
        IEnumerable<ContentItem> items,
        RankedItem[]? trending = null,
        Dictionary<LifecycleStage, RankedItem[]>? byStage = null,
        params PlacementRules[] placements
    ) =>
        new(
            new ServingModel(1, LongAgo, LongAgo, new ServingLists(byStage ?? new(), trending ?? [])),
            new Catalog(items.ToList()),
            placements.ToDictionary(p => p.Slug)
        );

    private static RecommendationCustomer Customer(
        long id = 1,
        LifecycleStage stage = LifecycleStage.Active,
        bool consent = true,
        string? locale = null,
        RecommendationCandidate[]? candidates = null,
        long[]? consumed = null,
        long[]? dismissed = null
    ) =>
        new(
            id,
            stage,
            consent,
            locale,
            candidates is null ? null : new CandidateList(1, candidates),
            (consumed ?? []).ToHashSet(),
            (dismissed ?? []).ToHashSet()
        );

    private static RecommendationCandidate[] Candidates(params long[] ids) =>
        ids.Select((id, r) => new RecommendationCandidate(id, 10 - r, ReasonCode.Trending)).ToArray();

    private static long[] Ids(IReadOnlyList<Recommendation> list) => list.Select(r => r.Item.Id).ToArray();

    private static IReadOnlyList<Recommendation> Rank(
        RecommendationSnapshot snapshot,
        RecommendationCustomer customer,
        int first = 3,
        string? placement = null,
        Channel? channel = null,
        params ContentKind[] kinds
    ) =>
        RecommendationRanker.Rank(
            snapshot,
            customer,
            new RecommendationRequest(first, placement, channel, kinds.Length == 0 ? null : kinds.ToHashSet()),
            Now,
            Options
        );

    [Fact]
    public void Candidates_come_in_re_ranker_order()
    {
        var snapshot = Snapshot(Enumerable.Range(1, 5).Select(i => Item(i)));
        Assert.Equal([3, 1, 2], Ids(Rank(snapshot, Customer(candidates: Candidates(3, 1, 2, 5)))));
    }

    [Fact]
    public void Only_published_items_inside_their_publication_window_are_shown()
    {
        var snapshot = Snapshot([
            Item(1, status: ContentStatus.Draft),
            Item(2, status: ContentStatus.Archived),
            Item(3, from: Now.AddDays(1)),
            Item(4, until: Now.AddDays(-1)),
            Item(5, until: Now.AddDays(1)),
            Item(6),
        ]);
        Assert.Equal([5, 6], Ids(Rank(snapshot, Customer(candidates: Candidates(1, 2, 3, 4, 5, 6)))));
    }

    [Fact]
    public void Only_items_for_the_channel_asked_for_are_shown()
    {
        var snapshot = Snapshot([
            Item(1, channels: ChannelSet.Web),
            Item(2, channels: ChannelSet.Email | ChannelSet.App),
            Item(3),
        ]);
        Assert.Equal([2, 3], Ids(Rank(snapshot, Customer(candidates: Candidates(1, 2, 3)), channel: Channel.Email)));
        Assert.Equal([1, 2, 3], Ids(Rank(snapshot, Customer(candidates: Candidates(1, 2, 3)))));
    }

    [Fact]
    public void Items_in_another_language_than_the_customers_are_not_shown()
    {
        var snapshot = Snapshot([
            Item(1, locale: "de-DE"),
            Item(2, locale: "fr-FR"),
            Item(3),
            Item(4, locale: "fr-BE"),
        ]);
        Assert.Equal(
            [2, 3, 4],
            Ids(Rank(snapshot, Customer(locale: "fr-FR", candidates: Candidates(1, 2, 3, 4)), first: 5))
        );
        Assert.Equal(
            [1, 2, 3, 4],
            Ids(Rank(snapshot, Customer(locale: null, candidates: Candidates(1, 2, 3, 4)), first: 5))
        );
    }

    [Fact]
    public void Only_the_kinds_asked_for_are_shown()
    {
        var snapshot = Snapshot([Item(1, ContentKind.Video), Item(2, ContentKind.Product), Item(3, ContentKind.Guide)]);
        Assert.Equal(
            [2, 3],
            Ids(
                Rank(
                    snapshot,
                    Customer(candidates: Candidates(1, 2, 3)),
                    kinds: [ContentKind.Product, ContentKind.Guide]
                )
            )
        );
    }

    [Fact]
    public void Content_targeted_at_the_customers_stage_is_boosted_above_a_better_ranked_candidate()
    {
        var snapshot = Snapshot([
            Item(1),
            Item(2),
            Item(3, stages: LifecycleStageSet.AtRisk),
            Item(4, stages: LifecycleStageSet.Loyal),
        ]);
        var ranked = Rank(
            snapshot,
            Customer(stage: LifecycleStage.AtRisk, candidates: Candidates(1, 2, 3, 4)),
            first: 4
        );
        Assert.Equal([3, 1, 2, 4], Ids(ranked));
    }

    [Fact]
    public void Pinned_items_come_first_in_the_placements_order_and_only_when_valid()
    {
        var rules = PlacementRules.None("home") with { Pinned = [5, 9, 4] };
        var snapshot = Snapshot(
            [Item(1), Item(2), Item(4), Item(5), Item(9, status: ContentStatus.Draft)],
            placements: rules
        );
        var ranked = Rank(snapshot, Customer(candidates: Candidates(1, 2)), first: 4, placement: "home");
        Assert.Equal([5, 4, 1, 2], Ids(ranked));
        Assert.All(ranked.Take(2), r => Assert.Equal(ReasonCode.Pinned, r.Reason.Code));
        Assert.Equal([1, 2], Ids(Rank(snapshot, Customer(candidates: Candidates(1, 2)), first: 4, placement: "other")));
    }

    [Fact]
    public void Pins_say_featured_for_everyone_and_the_rest_says_why_it_is_not_personal()
    {
        var rules = PlacementRules.None("home") with { Pinned = [2] };
        var snapshot = Snapshot([Item(1), Item(2)], trending: [new(1, 9)], placements: rules);

        var withoutConsent = Rank(snapshot, Customer(consent: false), first: 2, placement: "home");
        Assert.Equal(
            [
                (ReasonCode.Pinned, "Featured"),
                (
                    ReasonCode.NotPersonalized,
                    "Popular with our customers (not personalized: this customer has not agreed to personalization)"
                ),
            ],
            withoutConsent.Select(r => (r.Reason.Code, r.Reason.Text))
        );
        var unknown = Rank(snapshot, Customer(id: 0, consent: false), first: 2, placement: "home");
        Assert.EndsWith("this customer id is not known yet)", unknown[1].Reason.Text);
    }

    [Fact]
    public void Buried_items_come_after_every_other_item_and_excluded_items_never()
    {
        var rules = PlacementRules.None("cart") with
        {
            Buried = new HashSet<long> { 1 },
            Excluded = new HashSet<long> { 2 },
        };
        var snapshot = Snapshot([Item(1), Item(2), Item(3), Item(4)], placements: rules);
        Assert.Equal(
            [3, 4, 1],
            Ids(Rank(snapshot, Customer(candidates: Candidates(1, 2, 3, 4)), first: 4, placement: "cart"))
        );
    }

    [Fact]
    public void Consumed_items_are_filtered_unless_their_kind_is_repeatable_and_dismissed_items_always()
    {
        var snapshot = Snapshot([
            Item(1, ContentKind.Article),
            Item(2, ContentKind.Product),
            Item(3),
            Item(4, ContentKind.Product),
        ]);
        // The service passes as consumed only the items of kinds that are not repeatable (products are): item 1 here.
        var customer = Customer(candidates: Candidates(1, 2, 3, 4), consumed: [1], dismissed: [4]);
        Assert.Equal([2, 3], Ids(Rank(snapshot, customer, first: 4)));
    }

    [Fact]
    public void Diversity_keeps_at_most_the_placements_number_of_one_kind_and_of_one_tag()
    {
        var byKind = PlacementRules.None("mix") with { MaxPerKind = 2 };
        var byTag = PlacementRules.None("tags") with { MaxPerTag = 1 };
        var snapshot = Snapshot(
            [
                Item(1, ContentKind.Video, ["hiking"]),
                Item(2, ContentKind.Video, ["camping"]),
                Item(3, ContentKind.Video, ["running"]),
                Item(4, ContentKind.Guide, ["hiking"]),
                Item(5, ContentKind.Guide, ["cycling"]),
            ],
            placements: [byKind, byTag]
        );
        var customer = Customer(candidates: Candidates(1, 2, 3, 4, 5));
        Assert.Equal([1, 2, 4, 5], Ids(Rank(snapshot, customer, first: 5, placement: "mix")));
        Assert.Equal([1, 2, 3, 5], Ids(Rank(snapshot, customer, first: 5, placement: "tags")));
    }

    [Fact]
    public void Without_consent_only_the_overall_bestsellers_are_shown_and_every_reason_says_so()
    {
        var stageTargeted = Item(6, stages: LifecycleStageSet.Loyal);
        var snapshot = Snapshot(
            [Item(1), Item(2), Item(3), Item(4), stageTargeted],
            trending: [new(3, 9), new(4, 5)],
            byStage: new() { [LifecycleStage.Loyal] = [new(1, 9)] }
        );
        var ranked = Rank(
            snapshot,
            Customer(stage: LifecycleStage.Loyal, consent: false, candidates: Candidates(1, 2), consumed: [3]),
            first: 5
        );
        Assert.Equal([3, 4], Ids(ranked));
        Assert.All(ranked, r => Assert.Equal(ReasonCode.NotPersonalized, r.Reason.Code));
        Assert.Contains("not personalized", ranked[0].Reason.Text);
    }

    [Fact]
    public void A_prospect_without_history_gets_stage_bestsellers_and_content_picked_for_the_stage()
    {
        var snapshot = Snapshot(
            [Item(1), Item(2), Item(3, stages: LifecycleStageSet.Prospect), Item(4, stages: LifecycleStageSet.Loyal)],
            trending: [new(2, 9)],
            byStage: new() { [LifecycleStage.Prospect] = [new(1, 9), new(2, 4)] }
        );
        var ranked = Rank(snapshot, Customer(stage: LifecycleStage.Prospect, candidates: null), first: 5);
        // Content made for the stage is boosted over the stage's top seller; content for another stage is not offered.
        Assert.Equal([3, 1, 2], Ids(ranked));
        Assert.Equal(
            [ReasonCode.PickedForStage, ReasonCode.PopularWithStage, ReasonCode.PopularWithStage],
            ranked.Select(r => r.Reason.Code)
        );
        Assert.Equal("Picked for new visitors", ranked[0].Reason.Text);
        Assert.Equal("Popular with new visitors", ranked[1].Reason.Text);
    }

    [Fact]
    public void New_items_get_one_slot_in_ten_at_the_end_rotating_across_customers()
    {
        var old = Enumerable.Range(1, 20).Select(i => Item(i)).ToList();
        var fresh = Enumerable.Range(100, 5).Select(i => Item(i, from: Now.AddDays(-3))).ToList();
        var snapshot = Snapshot(old.Concat(fresh));
        var shown = new HashSet<long>();
        for (var c = 1; c <= 40; c++)
        {
            var ranked = Rank(
                snapshot,
                Customer(id: c, candidates: Candidates(Enumerable.Range(1, 20).Select(i => (long)i).ToArray())),
                first: 10
            );
            Assert.Equal(10, ranked.Count);
            Assert.Single(ranked, r => r.Item.Id >= 100);
            Assert.Equal(ReasonCode.NewArrival, ranked[^1].Reason.Code);
            shown.Add(ranked[^1].Item.Id);
        }
        Assert.True(shown.Count >= 4, $"new items shown: {string.Join(", ", shown)}");
        // Short lists keep every slot for the ranking.
        Assert.DoesNotContain(Rank(snapshot, Customer(candidates: Candidates(1, 2, 3))), r => r.Item.Id >= 100);
    }

    [Fact]
    public void Similar_item_reasons_name_the_item_the_customer_bought()
    {
        var snapshot = Snapshot([Item(1, ContentKind.Product), Item(2, ContentKind.Product)]);
        var ranked = Rank(
            snapshot,
            Customer(candidates: [new RecommendationCandidate(2, 1, ReasonCode.BecauseYouBought, 1)]),
            first: 1
        );
        Assert.Equal(ReasonCode.BecauseYouBought, ranked[0].Reason.Code);
        Assert.Equal("Because you bought Item 1", ranked[0].Reason.Text);
        Assert.Equal(1, ranked[0].Reason.RelatedItem!.Id);
    }

    [Fact]
    public void Candidate_lists_survive_the_codec_and_foreign_bytes_are_a_miss()
    {
        RecommendationCandidate[] candidates =
        [
            new(7, 1.5f, ReasonCode.BuyAgain),
            new(9, -0.25f, ReasonCode.BecauseYouViewed, 7),
        ];
        var bytes = CandidateCodec.Encode(42, candidates);
        Assert.True(CandidateCodec.TryDecode(bytes, out var list));
        Assert.Equal(42, list!.ModelVersion);
        Assert.Equal(candidates, list.Candidates);
        Assert.False(CandidateCodec.TryDecode(bytes.AsSpan(0, bytes.Length - 1), out _));
        bytes[0] = 2;
        Assert.False(CandidateCodec.TryDecode(bytes, out _));
    }
}
