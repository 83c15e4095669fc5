using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using Personalize.Api.Content;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Api.Offers;
using Personalize.Common;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Offers;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class RecommendationReasonCodeType : DescribedEnumType<ReasonCode>
{
    public RecommendationReasonCodeType() : base("Why an item is recommended.") => Name = "RecommendationReasonCode";
}

public sealed class RecommendationReasonType : ObjectGraphType<RecommendationReason>
{
    public RecommendationReasonType()
    {
        Name = "RecommendationReason";
        Description = "Why an item is recommended, as a code and as words a customer can read.";
        Field<NonNullGraphType<RecommendationReasonCodeType>>("code").Description("The kind of reason.").Resolve(ctx => ctx.Source.Code);
        Field(r => r.Text).Description("The reason in words, e.g. \"Because you bought Trail boots\" or \"Popular with loyal customers\".");
        Field<ContentItemType>("relatedItem").Description("The item behind the reason (the X of \"Because you bought X\"); null for other reasons.")
            .Resolve(ctx => ctx.Source.RelatedItem);
    }
}

public sealed class RecommendationType : ObjectGraphType<Recommendation>
{
    public RecommendationType()
    {
        Name = "Recommendation";
        Description = "An item recommended to a customer, with its score and the reason.";
        Field<NonNullGraphType<ContentItemType>>("item").Description("The recommended item.").Resolve(ctx => ctx.Source.Item);
        Field(r => r.Score).Description("How strongly it is recommended; higher is better, comparable within one list only. Pinned items score above every ranked item; a new item in its reserved slot scores 0.");
        Field<NonNullGraphType<RecommendationReasonType>>("reason").Description("Why this item.").Resolve(ctx => ctx.Source.Reason);
    }
}

/// <summary>What a storefront asks once per page view: the customer (null when unknown), the stage the decisions used, and the decisions.</summary>
public sealed record Personalization(Customer Subject, string CustomerId, string Placement, Channel Channel, int First)
{
    public Customer? Customer => Subject.Id == 0 ? null : Subject;

    /// <summary>An id the store does not know yet: an anonymous prospect without consent, so non-personal decisions.</summary>
    public static Customer Unknown(string externalId) => new() { ExternalId = externalId, Stage = LifecycleStage.Prospect };
}

public sealed class PersonalizationType : ObjectGraphType<Personalization>
{
    public PersonalizationType()
    {
        Name = "Personalization";
        Description = "Everything a storefront shows one customer in one placement and channel, decided in one call.";
        Field<CustomerType>("customer").Description("The customer; null when the id is unknown (the decisions are then those for an anonymous prospect).")
            .Resolve(ctx => ctx.Source.Customer);
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The customer id asked for.").Resolve(ctx => ctx.Source.CustomerId);
        Field<NonNullGraphType<LifecycleStageType>>("stage").Description("The lifecycle stage the decisions were made for (PROSPECT for an unknown id).")
            .Resolve(ctx => ctx.Source.Subject.Stage);
        Field(p => p.Placement).Description("The placement asked for.");
        Field<NonNullGraphType<ChannelType>>("channel").Description("The channel asked for.").Resolve(ctx => ctx.Source.Channel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendationType>>>>("recommendations")
            .Description("Recommended content for the placement and channel, best first (`first` items at most).")
            .Resolve(ctx => RecommendationFields.Load(ctx, ctx.Source.Subject,
                new RecommendationRequest(ctx.Source.First, ctx.Source.Placement, ctx.Source.Channel)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notes")
            .Description("Why the answer may not be what was asked, in sentences: a placement id that does not exist (a typo gets no pins or limits), fewer recommendations than `first` (how many items were valid after the rules).")
            .Resolve(ctx => RecommendationFields.Load(ctx, ctx.Source.Subject, new RecommendationRequest(ctx.Source.First, ctx.Source.Placement, ctx.Source.Channel))
                .Then(list => (IEnumerable<string>)RecommendationFields.Notes(ctx, ctx.Source.Placement, ctx.Source.First, list?.Count ?? 0)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferAssignmentType>>>>("offers")
            .Description("The offers to show on the channel, best first, decided exactly as `Customer.offers`; empty for an unknown customer (an offer is assigned to someone).")
            .Argument<IntGraphType>("first", $"How many offers at most (0-{OfferDecisionService.MaxOffersPerCustomer}; default 3).", a => a.DefaultValue = 3)
            .Resolve(ctx => ctx.Source.Customer is { } customer
                ? CustomerOfferFields.Load(ctx, customer, ctx.Source.Channel, ctx.GetArgument("first", 3))
                : (object)Array.Empty<OfferAssignment>());
    }
}

public static class RecommendationFields
{
    /// <summary>`Customer.recommendations`, batched across the page.</summary>
    public static void AddTo(CustomerType customer) =>
        customer.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendationType>>>>("recommendations")
            .Description("Recommended content, best first: the customer's precomputed candidates (or, without personalization consent or history, non-personal lists) ranked under the placement's rules. Batched across a page of customers.")
            .Argument<IntGraphType>("first", "How many items (at most `Recommendations:MaxFirst`, 50).", a => a.DefaultValue = 10)
            .Argument<StringGraphType>("placement", "The placement's id: its pins, buries, exclusions and diversity limits apply. An unknown or absent placement has none.")
            .Argument<ChannelType>("channel", "Only items that may be shown on this channel; absent: any channel.")
            .Argument<ListGraphType<NonNullGraphType<ContentKindType>>>("kinds", "Only items of these kinds; absent: every kind.")
            .Resolve(ctx => Load(ctx, ctx.Source, new RecommendationRequest(ctx.GetArgument("first", 10), ctx.GetArgument<string?>("placement"),
                ctx.GetArgument<Channel?>("channel"), ctx.GetArgument<List<ContentKind>?>("kinds")?.ToHashSet())));

    /// <summary>The notes of `personalize`: an unknown placement, a shorter list than asked for.</summary>
    public static List<string> Notes(IResolveFieldContext ctx, string placement, int first, int returned)
    {
        var notes = new List<string>();
        if (!PlacementExists(ctx, placement))
            notes.Add($"No placement has the id '{placement}': no pins, buries, exclusions or diversity limits applied (see `placements`).");
        if (returned < first)
            notes.Add($"{returned} of the {first} recommendations asked for: only {returned} items were valid after the rules (published now, on the channel, in the customer's language, not taken before unless repeatable, not dismissed, within the placement's diversity limits).");
        return notes;
    }

    /// <summary>A warning in the response's `extensions.warnings`, once per distinct message.</summary>
    private static void Warn(IResolveFieldContext ctx, string message)
    {
        lock (ctx.OutputExtensions)
        {
            var warnings = ctx.OutputExtensions.TryGetValue("warnings", out var existing) && existing is List<string> list ? list : [];
            if (!warnings.Contains(message)) warnings.Add(message);
            ctx.OutputExtensions["warnings"] = warnings;
        }
    }

    private static bool PlacementExists(IResolveFieldContext ctx, string? placement) =>
        placement is null || ctx.Service<RecommendationSnapshots>().Current?.Placements.ContainsKey(placement) != false;

    /// <summary>Queues the customer on the request's loader for these arguments; the batch is ranked in one call.</summary>
    public static Result<IReadOnlyList<Recommendation>?> Load(IResolveFieldContext ctx, Customer customer, RecommendationRequest request)
    {
        var max = ctx.Service<IOptions<RecommendationOptions>>().Value.MaxFirst;
        if (request.First < 0 || request.First > max)
            throw new ExecutionError($"first: between 0 and {max}; got {request.First}.") { Code = "INVALID_ARGUMENT" };
        if (!PlacementExists(ctx, request.Placement)) Warn(ctx, $"No placement has the id '{request.Placement}': no pins, buries, exclusions or diversity limits applied.");
        var name = $"recommendations({request.First},{request.Placement},{request.Channel},{(request.Kinds is null ? "" : string.Join('|', request.Kinds.Order()))})";
        return ctx.Loaders()
            .Get<Customer, IReadOnlyList<Recommendation>>(name, async (customers, ct) =>
            {
                var lists = await ctx.Service<RecommendationService>().RecommendAsync(customers, request, ct);
                return customers.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => lists[x.i]);
            })
            .Load(customer);
    }
}

public static class RecommendationQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<PersonalizationType>>("personalize")
            .Description("One call per page view: the customer's stage and recommended content for a placement and channel. An unknown customer id gets the decisions for an anonymous prospect, never an error.")
            .Argument<NonNullGraphType<IdGraphType>>("customerId", "The caller's own customer id.")
            .Argument<NonNullGraphType<StringGraphType>>("placement", "The placement's id, e.g. \"home-hero\".")
            .Argument<NonNullGraphType<ChannelType>>("channel", "Where the decisions will be shown.")
            .Argument<IntGraphType>("first", "How many recommendations (at most 50).", a => a.DefaultValue = 10)
            .Resolve(ctx =>
            {
                var id = ctx.GetArgument<string>("customerId");
                var (placement, channel, first) = (ctx.GetArgument<string>("placement"), ctx.GetArgument<Channel>("channel"), ctx.GetArgument("first", 10));
                return ctx.Loaders()
                    .Get<string, Customer>("customer", async (ids, ct) => await ctx.Service<CustomerQueries>().ByExternalIdsAsync(ids.ToList(), ct))
                    .Load(id)
                    .Then(c => new Personalization(c ?? Personalization.Unknown(id), id, placement, channel, first));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlacementType>>>>("placements")
            .Description("Every placement and its merchandising rules, by id.")
            .ResolveAsync(async ctx => await ctx.Service<PlacementService>().AllAsync(ctx.CancellationToken));

        query.Field<RecommenderModelType>("recommenderModel")
            .Description("The recommender model version this instance serves; null before the first `recommender train`.")
            .ResolveAsync(async ctx => (await ctx.Service<RecommendationSnapshots>().GetAsync(ctx.CancellationToken)).Model is { Version: > 0 } m ? m : null);
    }
}

public sealed class RecommenderModelType : ObjectGraphType<ServingModel>
{
    public RecommenderModelType()
    {
        Name = "RecommenderModel";
        Description = "A trained recommender version, as served.";
        Field<NonNullGraphType<IntGraphType>>("version").Description("The version number; a newer training has a higher one.").Resolve(ctx => (int)ctx.Source.Version);
        Field(m => m.AsOf).Description("Signals before this time were trained on (UTC).");
        Field(m => m.TrainedAt).Description("When it was trained (UTC).");
        Field<NonNullGraphType<StringGraphType>>("selected").Description("The recommender this version serves, chosen by validation on the store's own most recent signals (see `candidates`).")
            .Resolve(ctx => ctx.Source.Selection.Selected);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why it was chosen: its margin over the best simple model and the bootstrap bound, or the minimum of data that was not met.")
            .Resolve(ctx => ctx.Source.Selection.Reason);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommenderCandidateType>>>>("candidates")
            .Description("Every recommender that competed, with its validation figures, in the order they were judged.")
            .Resolve(ctx => ctx.Source.Selection.Candidates);
    }
}

public sealed class PlacementType : ObjectGraphType<Placement>
{
    public PlacementType()
    {
        Name = "Placement";
        Description = "Where recommendations are shown (home hero, product page, cart, an email block) and its merchandising rules.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The placement's id (slug), passed as `placement`.").Resolve(ctx => ctx.Source.Slug);
        Field(p => p.Description, nullable: true).Description("What the placement is.");
        Field(p => p.MaxPerKind, nullable: true).Description("At most this many items of one kind per list; null: no limit.");
        Field(p => p.MaxPerTag, nullable: true).Description("At most this many items with one tag per list; null: no limit.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContentItemType>>>>("pinned").Description("Shown first, in this order, when valid for the request.")
            .Resolve(ctx => ItemsOf(ctx.Source, PlacementRule.Pin));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContentItemType>>>>("buried").Description("Ranked after every other item.")
            .Resolve(ctx => ItemsOf(ctx.Source, PlacementRule.Bury));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContentItemType>>>>("excluded").Description("Never shown here.")
            .Resolve(ctx => ItemsOf(ctx.Source, PlacementRule.Exclude));
        Field(p => p.UpdatedAt).Description("When the placement was last changed.");
    }

    private static IEnumerable<ContentItem> ItemsOf(Placement p, PlacementRule rule) =>
        p.Items.Where(i => i.Rule == rule).OrderBy(i => i.Position).Select(i => i.ContentItem!);
}

public sealed class PlacementInputType : InputObjectGraphType<PlacementInput>
{
    public PlacementInputType()
    {
        Name = "PlacementInput";
        Description = "A placement's rules. Absent fields keep their values; a list given replaces that rule's items (an empty list clears it).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The placement's id: a slug of lower-case letters, digits and dashes.");
        Field<StringGraphType>("description").Description("What the placement is.");
        Field<IntGraphType>("maxPerKind").Description("At most this many items of one kind per list; 0 removes the limit.");
        Field<IntGraphType>("maxPerTag").Description("At most this many items with one tag per list; 0 removes the limit.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("pinned").Description("Content item ids shown first, in this order (at most 100).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("buried").Description("Content item ids ranked after every other item.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("excluded").Description("Content item ids never shown here.");
    }
}

public static class RecommendationMutationFields
{
    public static void AddTo(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PayloadType<PlacementType, Placement>>>("upsertPlacement")
            .Description("Creates a placement or changes its rules; each item may take one rule per placement. Served within `Recommendations:RefreshSeconds`.")
            .Argument<NonNullGraphType<PlacementInputType>>("input", "The placement.")
            .ResolveAsync(async ctx => await ctx.Service<PlacementService>().UpsertAsync(ctx.GetArgument<PlacementInput>("input"), ctx.CancellationToken));
}
