using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

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
