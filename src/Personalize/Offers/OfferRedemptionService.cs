using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Data;
using Personalize.Events;
using Personalize.Loyalty;
using Personalize.Orders;

namespace Personalize.Offers;

public sealed record RedeemOfferInput(string Code, string OrderId, string? Source = null);

/// <summary>
/// Redeems an assignment's code against a recorded order of the same customer. Idempotent: the same code with the same
/// order returns the same redemption and counts once. The claim and the budget are two conditional UPDATEs in one
/// transaction — no read-modify-write — so concurrent redemptions never overspend the budget or pass the per-customer
/// cap. A BONUS_POINTS offer credits its points, a POINTS_MULTIPLIER offer multiplies the points the order earned.
/// </summary>
public sealed class OfferRedemptionService(
    IDbContextFactory<PersonalizeDbContext> factory,
    OfferCatalog catalog,
    CustomerNearCache nearCache,
    EventOutbox outbox,
    TimeProvider clock
)
{
    public async Task<MutationResult<OfferAssignment>> RedeemAsync(
        RedeemOfferInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var code = v.Text("code", input.Code, 32, required: true)?.ToUpperInvariant();
        var orderId = v.Id("orderId", input.OrderId);
        var source = input.Source is null ? Order.DefaultSource : v.Id("source", input.Source, 64);
        if (!v.IsValid)
            return MutationResult<OfferAssignment>.Fail(v.Errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var assignment = await db
                .OfferAssignments.Include(a => a.Offer)
                .FirstOrDefaultAsync(a => a.Code == code, cancellationToken);
            if (assignment is null)
                return MutationResult<OfferAssignment>.NotFound("input.code", "offer assignment", code!);
            var order = await db.Orders.FirstOrDefaultAsync(
                o => o.Source == source && o.ExternalId == orderId,
                cancellationToken
            );
            if (order is null)
                return await OrderNotFoundAsync(db, orderId!, source!, cancellationToken);

            if (order.CustomerId != assignment.CustomerId)
                return Fail(
                    MutationErrorCode.Validation,
                    "The order belongs to another customer than the code.",
                    "input.orderId"
                );
            if (assignment.RedeemedOrderId == order.Id)
                return MutationResult<OfferAssignment>.Ok(assignment);
            if (assignment.RedeemedAt is not null)
                return Fail(
                    MutationErrorCode.Conflict,
                    "The code was already redeemed with another order.",
                    "input.code"
                );
            if (attempt > 0) // the claim failed although the code is still unredeemed: the cap was reached meanwhile
                return Fail(
                    MutationErrorCode.Conflict,
                    $"The customer has redeemed this offer the most times allowed ({assignment.Offer.PerCustomerCap}).",
                    "input.code"
                );
            if (assignment.ExpiresAt <= now)
                return Fail(
                    MutationErrorCode.Validation,
                    $"The code expired at {assignment.ExpiresAt:yyyy-MM-dd HH:mm} UTC.",
                    "input.code"
                );
            if (order.OrderedAt < assignment.AssignedAt)
                return Fail(
                    MutationErrorCode.Validation,
                    "The order was placed before the code was given.",
                    "input.orderId"
                );
            if (assignment.Offer.Status == OfferStatus.Archived)
                return Fail(MutationErrorCode.Validation, "The offer has been archived.", "input.code");

            var offer = assignment.Offer;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await ClaimAsync(db, assignment, order.Id, now, cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue; // redeemed concurrently, or the cap reached: read the outcome back
            }
            if (await ChargeBudgetAsync(db, offer.Id, offer.Cost, cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Fail(MutationErrorCode.Conflict, "The offer's budget is spent.", "input.code");
            }
            await CreditPointsAsync(db, assignment, order, now, cancellationToken);
            await outbox.AppendAsync(
                db,
                [
                    new NewEvent(
                        assignment.CustomerId,
                        CustomerEventType.OfferRedeemed,
                        now,
                        new
                        {
                            offer = assignment.Offer.Code,
                            code = assignment.Code,
                            order = order.ExternalId,
                            cost = assignment.Offer.Cost,
                        }
                    ),
                ],
                cancellationToken
            );
            await transaction.CommitAsync(cancellationToken);
            catalog.Changed();
            nearCache.Invalidate([assignment.CustomerId]);
            return MutationResult<OfferAssignment>.Ok(
                await db
                    .OfferAssignments.Include(a => a.Offer)
                    .FirstAsync(a => a.Id == assignment.Id, cancellationToken)
            );
        }
    }

    /// <summary>Marks the assignment redeemed if it is not yet and the customer is under the offer's cap: one
    /// conditional UPDATE.</summary>
    public static Task<int> ClaimAsync(
        PersonalizeDbContext db,
        OfferAssignment assignment,
        long orderId,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var cap = assignment.Offer.PerCustomerCap ?? int.MaxValue;
        var cost = assignment.Offer.Cost;
        return db
            .OfferAssignments.Where(a =>
                a.Id == assignment.Id
                && a.RedeemedAt == null
                && db.OfferAssignments.Count(b =>
                    b.CustomerId == a.CustomerId && b.OfferId == a.OfferId && b.RedeemedAt != null
                ) < cap
            )
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(a => a.RedeemedAt, now)
                        .SetProperty(a => a.RedeemedOrderId, orderId)
                        .SetProperty(a => a.CostCharged, cost),
                cancellationToken
            );
    }

    /// <summary>
    /// Adds the cost to the offer's spending if the budget allows it: one conditional UPDATE, atomic under concurrency.
    /// (The tolerance, below the 4-decimal money precision, absorbs SQLite's binary floating point sums.)
    /// </summary>
    public static Task<int> ChargeBudgetAsync(
        PersonalizeDbContext db,
        long offerId,
        decimal cost,
        CancellationToken cancellationToken
    ) =>
        db
            .Offers.Where(o =>
                o.Id == offerId && (o.TotalBudget == null || o.BudgetSpent + cost <= o.TotalBudget + 0.00001m)
            )
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.BudgetSpent, o => o.BudgetSpent + cost), cancellationToken);

    private static async Task CreditPointsAsync(
        PersonalizeDbContext db,
        OfferAssignment assignment,
        Order order,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var offer = assignment.Offer;
        var points = offer.RewardType switch
        {
            RewardType.BonusPoints => (int)Math.Floor(offer.RewardValue),
            RewardType.PointsMultiplier when offer.RewardValue > 1 => (int)
                Math.Floor(
                    (
                        await db
                            .LoyaltyEntries.Where(e => e.OrderId == order.Id && e.Kind == LoyaltyEntryKind.Earn)
                            .SumAsync(e => e.Points, cancellationToken)
                    ) * (offer.RewardValue - 1)
                ),
            _ => 0,
        };
        if (points <= 0)
            return;
        db.LoyaltyEntries.Add(
            new LoyaltyEntry
            {
                CustomerId = assignment.CustomerId,
                Kind = LoyaltyEntryKind.Bonus,
                Points = points,
                OccurredAt = now,
                OrderId = order.Id,
                Reference = $"offer:{assignment.Code}",
                Description = $"{offer.Title} ({offer.Code}) on order {order.ExternalId}",
            }
        );
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Names the source looked in, and the sources that do hold an order with that id.</summary>
    private static async Task<MutationResult<OfferAssignment>> OrderNotFoundAsync(
        PersonalizeDbContext db,
        string orderId,
        string source,
        CancellationToken cancellationToken
    )
    {
        var elsewhere = await db
            .Orders.Where(o => o.ExternalId == orderId)
            .Select(o => o.Source)
            .Distinct()
            .Take(5)
            .ToListAsync(cancellationToken);
        var message =
            elsewhere.Count == 0
                ? $"No order has the id '{orderId}' in the source '{source}'. Record it with `recordOrder` first, or "
                    + "pass the `source` it was recorded with."
                : $"No order has the id '{orderId}' in the source '{source}'; it was recorded with the source "
                    + $"{string.Join(" or ", elsewhere.Select(e => $"'{e}'"))}: pass `source: \"{elsewhere[0]}\"`.";
        return Fail(MutationErrorCode.NotFound, message, "input.orderId");
    }

    private static MutationResult<OfferAssignment> Fail(MutationErrorCode code, string message, string field) =>
        MutationResult<OfferAssignment>.Fail([new MutationError(code, message, field)]);
}
