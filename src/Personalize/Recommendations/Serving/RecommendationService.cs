using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Experiments;
using Personalize.Interactions;
using Personalize.Querying;

namespace Personalize.Recommendations.Serving;

/// <summary>
/// Recommendations for a batch of customers (one storefront visitor or an email page of thousands) at a constant cost:
/// one candidate-cache round trip, at most one statement for lists the cache lacks, one statement for what the
/// customers took or dismissed; then <see cref="RecommendationRanker"/> per customer over the in-memory snapshot.
/// </summary>
public sealed class RecommendationService(
    RecommendationSnapshots snapshots,
    CandidateReader candidates,
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<RecommendationOptions> options,
    TimeProvider clock,
    CustomerNearCache nearCache,
    ExperimentTreatments experiments
)
{
    private static readonly CustomerFact<TakenItems> TakenFact = new("items taken or dismissed");

    /// <summary>Items a customer took whose kind is not repeatable, and items they dismissed.</summary>
    private sealed record TakenItems(IReadOnlySet<long> Consumed, IReadOnlySet<long> Dismissed)
    {
        public static readonly TakenItems None = new(RecommendationCustomer.NoItems, RecommendationCustomer.NoItems);
    }

    /// <exception cref="QueryException">`first` is outside 0..<see cref="RecommendationOptions.MaxFirst"/>.</exception>
    public void Validate(RecommendationRequest request)
    {
        var max = options.Value.MaxFirst;
        if (request.First < 0 || request.First > max)
            throw new QueryException("first", $"between 0 and {max}; got {request.First}.");
    }

    /// <returns>One list per customer, in the order given.</returns>
    public async Task<IReadOnlyList<IReadOnlyList<Recommendation>>> RecommendAsync(
        IReadOnlyList<Customer> customers,
        RecommendationRequest request,
        CancellationToken cancellationToken
    )
    {
        Validate(request);
        var o = options.Value;
        var snapshot = await snapshots.GetAsync(cancellationToken);
        // The universal holdout gets what a customer without personalization consent gets.
        bool Personal(Customer c) => c.ConsentPersonalization && !experiments.HeldOut(c);
        var personal = customers.Where(Personal).Select(c => c.Id).ToList();
        var lists = await candidates.GetManyAsync(personal, snapshot.Model.Version, cancellationToken);
        var taken = await TakenAsync(customers.Select(c => c.Id).ToList(), o, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var treatments = await experiments.PlanAsync(customers, ExperimentSubject.Content, cancellationToken);
        var exposures = new List<(ExperimentArm Arm, long CustomerId)>();

        var result = customers
            .Select(c =>
            {
                var (consumed, dismissed) = taken[c.Id];
                var ranked = RecommendationRanker.Rank(
                    snapshot,
                    new RecommendationCustomer(
                        c.Id,
                        c.Stage,
                        Personal(c),
                        c.Locale,
                        lists.GetValueOrDefault(c.Id),
                        consumed,
                        dismissed
                    ),
                    request,
                    now,
                    o
                );
                return ContentExperiments.Apply(ranked, treatments[c.Id], snapshot, request, dismissed, now, o, arm =>
                    exposures.Add((arm, c.Id))
                );
            })
            .ToList();
        await experiments.LogExposuresAsync(exposures, cancellationToken);
        return result;
    }

    private static readonly CompiledQuery<
        Func<PersonalizeDbContext, long[], ContentKind[], IAsyncEnumerable<TakenItem>>
    > TakenBy = new(() =>
        EF.CompileAsyncQuery(
            (PersonalizeDbContext db, long[] ids, ContentKind[] repeatable) =>
                (
                    from i in db.Interactions
                    join item in db.ContentItems on i.ContentItemId equals item.Id
                    where
                        ids.Contains(i.CustomerId)
                        && (i.Kind == InteractionKind.Dismiss || !repeatable.Contains(item.Kind))
                    select new TakenItem
                    {
                        CustomerId = i.CustomerId,
                        ContentItemId = i.ContentItemId,
                        Dismissed = i.Kind == InteractionKind.Dismiss,
                    }
                ).Distinct()
        )
    );

    /// <summary>Per customer: items taken whose kind is not repeatable, and items dismissed — from the near cache, else
    /// one statement for the batch.</summary>
    private Task<Dictionary<long, TakenItems>> TakenAsync(
        List<long> customerIds,
        RecommendationOptions o,
        CancellationToken cancellationToken
    ) =>
        nearCache.GetManyAsync(
            customerIds,
            TakenFact,
            TakenItems.None,
            async (missing, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var rows = new List<TakenItem>();
                await foreach (var row in TakenBy.For(db)(db, [.. missing], o.RepeatableKinds).WithCancellation(ct))
                    rows.Add(row);
                return rows.GroupBy(r => r.CustomerId)
                    .ToDictionary(
                        customer => customer.Key,
                        customer => new TakenItems(
                            customer.Where(r => !r.Dismissed).Select(r => r.ContentItemId).ToHashSet(),
                            customer.Where(r => r.Dismissed).Select(r => r.ContentItemId).ToHashSet()
                        )
                    );
            },
            cancellationToken
        );

    // A class with settable properties (not a positional record) so EF Core can apply DISTINCT to its members.
    private sealed class TakenItem
    {
        public long CustomerId { get; init; }
        public long ContentItemId { get; init; }
        public bool Dismissed { get; init; }
    }
}
