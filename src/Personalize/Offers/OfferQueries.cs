using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Offers;

public sealed class OfferQueries(IDbContextFactory<PersonalizeDbContext> factory, IOptions<PagingOptions> paging)
{
    public static readonly FilterDefinition<Offer> Filter = new FilterDefinition<Offer>(
        "OfferFilterInput",
        "Conditions on offers, combined with AND; `and`/`or` nest."
    )
        .String("id", o => o.Code, "The offer's code.")
        .String("title", o => o.Title, "Title.")
        .Enum("rewardType", o => o.RewardType, "What the customer gets.")
        .Comparable("rewardValue", o => o.RewardValue, "Size of the reward, in the reward type's unit.")
        .Comparable("cost", o => o.Cost, "What one redemption costs the business.")
        .Enum("status", o => o.Status, "DRAFT, ACTIVE, PAUSED or ARCHIVED.")
        .EnumSet<LifecycleStage, LifecycleStageSet>(
            "eligibleStages",
            o => o.EligibleStages,
            "Stages that may receive the offer; an empty set means every stage."
        )
        .StringList(
            "eligibleSegments",
            o => o.EligibleSegments,
            s => s.Slug,
            "Ids of the segments that may receive the offer."
        )
        .StringList(
            "eligibleCountries",
            o => o.EligibleCountries,
            c => c.Country,
            "Countries that may receive the offer; empty means every country."
        )
        .EnumSet<Channel, ChannelSet>("channels", o => o.Channels, "Channels the offer may be shown on.")
        .Comparable("validFrom", o => o.ValidFrom, "Start of validity (null: no start).")
        .Comparable("validUntil", o => o.ValidUntil, "End of validity (null: no end).")
        .Comparable("totalBudget", o => o.TotalBudget, "Total the offer may cost (null: unlimited).")
        .Comparable("createdAt", o => o.CreatedAt, "When the offer was created.");

    public static readonly SortDefinition<Offer> Sort = new SortDefinition<Offer>(
        "OfferSortInput",
        "One field to sort offers by.",
        o => o.Id
    )
        .Field("id", o => o.Code, "The offer's code.")
        .Field("title", o => o.Title, "Title.")
        .Field("cost", o => o.Cost, "Cost of one redemption.")
        .Field("validFrom", o => o.ValidFrom, "Start of validity.")
        .Field("validUntil", o => o.ValidUntil, "End of validity.")
        .Field("createdAt", o => o.CreatedAt, "When the offer was created.");

    public Task<Connection<Offer>> ListAsync(
        IReadOnlyDictionary<string, object?>? where,
        IEnumerable<object?>? order,
        PageRequest page,
        CancellationToken cancellationToken
    ) =>
        Connection<Offer>.ReadAsync(
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

    public async Task<IReadOnlyDictionary<string, Offer>> ByCodesAsync(
        IReadOnlyCollection<string> codes,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithDetails(db)
            .Where(o => codes.Contains(o.Code))
            .ToDictionaryAsync(o => o.Code, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, Offer>> ByIdsAsync(
        IReadOnlyCollection<long> ids,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithDetails(db).Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
    }

    internal static IQueryable<Offer> WithDetails(PersonalizeDbContext db) =>
        db.Offers.Include(o => o.EligibleCountries).Include(o => o.EligibleSegments).AsSplitQuery();
}
