using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Data;
using Personalize.Loyalty;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Offers;

/// <summary>
/// The fields of an offer a caller sets. On update, null leaves a field as it is; an empty string clears an optional
/// text and an empty list clears a list.
/// </summary>
public sealed record OfferInput(
    string Id,
    string? Title = null,
    string? Description = null,
    RewardType? RewardType = null,
    decimal? RewardValue = null,
    decimal? Cost = null,
    IReadOnlyList<LifecycleStage>? EligibleStages = null,
    IReadOnlyList<string>? EligibleSegments = null,
    decimal? MinClv = null,
    decimal? MaxClv = null,
    IReadOnlyList<string>? EligibleCountries = null,
    IReadOnlyList<Channel>? Channels = null,
    DateTime? ValidFrom = null,
    DateTime? ValidUntil = null,
    decimal? TotalBudget = null,
    int? PerCustomerCap = null,
    OfferStatus? Status = null,
    string? MinLoyaltyTier = null
);

public sealed class OfferService(
    IDbContextFactory<PersonalizeDbContext> factory,
    OfferCatalog catalog,
    LoyaltyService loyalty,
    TimeProvider clock
)
{
    public Task<MutationResult<Offer>> CreateAsync(OfferInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: true, cancellationToken);

    public Task<MutationResult<Offer>> UpdateAsync(OfferInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: false, cancellationToken);

    public Task<MutationResult<Offer>> ArchiveAsync(string id, CancellationToken cancellationToken) =>
        SaveAsync(new OfferInput(id, Status: OfferStatus.Archived), create: false, cancellationToken);

    private async Task<MutationResult<Offer>> SaveAsync(
        OfferInput input,
        bool create,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var code = v.Code("id", input.Id);
        if (!v.IsValid)
            return MutationResult<Offer>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var offer = await db
            .Offers.AsTracking()
            .AsSingleQuery() // one offer: its few countries × segments in one statement, not three
            .Include(o => o.EligibleCountries)
            .Include(o => o.EligibleSegments)
            .FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
        if (create && offer is not null)
            v.Conflict("id", $"An offer with the code '{code}' already exists; use updateOffer.");
        if (!create && offer is null)
            return MutationResult<Offer>.NotFound("input.id", "offer", code!);
        if (create)
        {
            if (string.IsNullOrWhiteSpace(input.Title))
                v.Fail("title", "is required.");
            if (input.RewardType is null)
                v.Fail("rewardType", "is required.");
            if (input.Cost is null)
                v.Fail("cost", "is required: what one redemption costs the business.");
        }
        if (!v.IsValid)
            return MutationResult<Offer>.Fail(v.Errors);

        offer ??= db.Offers.Add(new Offer { Code = code!, CreatedAt = now }).Entity;
        if (input.Title is not null)
            offer.Title = v.Text("title", input.Title, 300, required: true) ?? offer.Title;
        if (input.Description is not null)
            offer.Description = v.Text("description", input.Description, 2000);
        offer.RewardType = input.RewardType ?? offer.RewardType;
        offer.RewardValue = input.RewardValue ?? offer.RewardValue;
        offer.Cost = input.Cost ?? offer.Cost;
        await TargetingWriter.ApplyAsync(
            db,
            offer,
            new TargetingInput(
                input.EligibleStages,
                input.EligibleSegments,
                input.Channels,
                input.ValidFrom,
                input.ValidUntil
            ),
            TargetingNames.OfferInput,
            v,
            cancellationToken
        );
        if (input.EligibleCountries is not null)
            offer.EligibleCountries = input
                .EligibleCountries.Select((c, i) => v.Country($"eligibleCountries[{i}]", c))
                .OfType<string>()
                .Distinct()
                .Select(c => new OfferCountry { Country = c })
                .ToList();
        offer.MinClv = input.MinClv ?? offer.MinClv;
        offer.MaxClv = input.MaxClv ?? offer.MaxClv;
        if (input.MinLoyaltyTier is not null)
        {
            offer.MinLoyaltyTier = input.MinLoyaltyTier.Trim() is { Length: > 0 } tier ? tier.ToUpperInvariant() : null;
            if (offer.MinLoyaltyTier is not null && loyalty.Tiers.Rank(offer.MinLoyaltyTier) is null)
                v.Fail(
                    "minLoyaltyTier",
                    $"'{offer.MinLoyaltyTier}' is not a loyalty tier; tiers: "
                        + $"{string.Join(", ", loyalty.Tiers.All.Select(t => t.Name))}."
                );
        }
        offer.TotalBudget = input.TotalBudget ?? offer.TotalBudget;
        offer.PerCustomerCap = input.PerCustomerCap ?? offer.PerCustomerCap;
        offer.Status = input.Status ?? offer.Status;
        offer.UpdatedAt = now;

        v.Range("rewardValue", offer.RewardValue, 0m, offer.RewardType == RewardType.PercentOff ? 100m : 1_000_000m);
        v.Range("cost", offer.Cost, 0m, 1_000_000m);
        v.Range("minClv", offer.MinClv, 0m, 100_000_000m);
        v.Range("maxClv", offer.MaxClv, 0m, 100_000_000m);
        if (offer.MinClv > offer.MaxClv)
            v.Fail("maxClv", "must be at least minClv.");
        v.Range("totalBudget", offer.TotalBudget, 0m, 1_000_000_000m);
        v.Range("perCustomerCap", offer.PerCustomerCap, 1, 1000);
        if (!v.IsValid)
            return MutationResult<Offer>.Fail(v.Errors);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return MutationResult<Offer>.Fail([
                new MutationError(
                    MutationErrorCode.Conflict,
                    $"An offer with the code '{code}' was created at the same time.",
                    "input.id"
                ),
            ]);
        }
        catalog.Changed();
        return MutationResult<Offer>.Ok(offer);
    }
}
