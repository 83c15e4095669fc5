using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Privacy;

namespace Personalize.Loyalty;

/// <summary>A customer's loyalty standing as of a date: balance, tier by rolling 12-month spend, and the
/// ledger.</summary>
public sealed record LoyaltyAccount(
    long CustomerId,
    DateTime AsOf,
    int Points,
    decimal RollingSpend,
    LoyaltyTier Tier,
    LoyaltyTier? NextTier,
    decimal? SpendToNextTier,
    int? PointsToNextTier,
    IReadOnlyList<LoyaltyLine> History
);

public sealed record RedeemPointsInput(
    string CustomerId,
    int Points,
    string IdempotencyKey,
    string? Description = null
);

public sealed record RecordReferralInput(string ReferrerId, string RefereeId);

/// <summary>The referral as written: both customers' accounts after it.</summary>
public sealed record Referral(LoyaltyAccount Referrer, LoyaltyAccount Referee);

/// <summary>
/// Points, tiers, spending and referrals. Earning happens with the order (<see cref="EarnForOrderAsync"/>, in the
/// order's transaction) or, for imported orders, by <see cref="LoyaltyRebuilder"/>; both compute the same points.
/// </summary>
public sealed class LoyaltyService(
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<LoyaltyOptions> options,
    TimeProvider clock,
    CustomerNearCache nearCache,
    KeyedHash keys
)
{
    private static readonly CustomerFact<decimal> RollingSpendFact = new("rolling 12-month spend");

    public LoyaltyTiers Tiers { get; } = new(options.Value);

    /// <summary>The accounts of many customers as of now: two statements whatever their number.</summary>
    public async Task<IReadOnlyDictionary<long, LoyaltyAccount>> AccountsAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var asOf = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await AccountsAsync(db, customerIds, asOf, cancellationToken);
    }

    /// <summary>
    /// Each customer's tier now, from the near cache (the spend as of when it was read, for at most
    /// <see cref="NearCacheOptions.MaxAgeSeconds"/>), else one grouped statement over the last 12 months of orders.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, LoyaltyTier>> TiersAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        var spend = await nearCache.GetManyAsync(
            customerIds,
            RollingSpendFact,
            0m,
            async (ids, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                return await RollingSpendAsync(db, ids, clock.GetUtcNow().UtcDateTime, ct);
            },
            cancellationToken
        );
        return spend.ToDictionary(s => s.Key, s => Tiers.For(s.Value));
    }

    /// <summary>Credits the points of a newly recorded order, inside the caller's transaction.</summary>
    public async Task EarnForOrderAsync(
        PersonalizeDbContext db,
        long orderId,
        long customerId,
        DateTime orderedAt,
        string externalOrderId,
        decimal amount,
        CancellationToken cancellationToken
    )
    {
        var from = LoyaltyTiers.WindowStart(orderedAt);
        var priorSpend = await db
            .Orders.Where(o =>
                o.CustomerId == customerId && o.Id != orderId && o.OrderedAt > from && o.OrderedAt < orderedAt
            )
            .SumAsync(o => (decimal?)o.Amount, cancellationToken)
            ?? 0m;
        if (EarnEntry(orderId, customerId, orderedAt, externalOrderId, amount, priorSpend) is not { } entry)
            return;
        db.LoyaltyEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The Earn entry of an order, or null when it earns no points.</summary>
    internal LoyaltyEntry? EarnEntry(
        long orderId,
        long customerId,
        DateTime orderedAt,
        string externalOrderId,
        decimal amount,
        decimal priorSpend
    )
    {
        var points = Tiers.PointsFor(amount, priorSpend);
        return points <= 0
            ? null
            : new LoyaltyEntry
            {
                CustomerId = customerId,
                Kind = LoyaltyEntryKind.Earn,
                Points = points,
                OccurredAt = orderedAt,
                OrderId = orderId,
                Reference = $"order:{orderId}",
                Description = $"Order {externalOrderId} ({Tiers.For(priorSpend).Name})",
            };
    }

    /// <summary>Spends points on a reward. Idempotent by key; refuses to spend more than the balance.</summary>
    public async Task<MutationResult<LoyaltyAccount>> RedeemPointsAsync(
        RedeemPointsInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var customerId = v.Id("customerId", input.CustomerId);
        var key = v.Id("idempotencyKey", input.IdempotencyKey);
        v.Range("points", input.Points, 1, 10_000_000);
        var description = v.Text("description", input.Description, 300);
        if (!v.IsValid)
            return MutationResult<LoyaltyAccount>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await LockCustomerAsync(db, customerId!, cancellationToken);
        if (customer is null)
            return MutationResult<LoyaltyAccount>.NotFound("input.customerId", "customer", customerId!);

        var reference = $"spend:{keys.IdempotencyKey(key!)}";
        var entries = await db.LoyaltyEntries.Where(e => e.CustomerId == customer.Id).ToListAsync(cancellationToken);
        if (entries.FirstOrDefault(e => e.Reference == reference) is { } done)
            return -done.Points == input.Points
                ? MutationResult<LoyaltyAccount>.Ok(await AccountAsync(db, customer.Id, now, cancellationToken))
                : MutationResult<LoyaltyAccount>.Fail([
                    new MutationError(
                        MutationErrorCode.Conflict,
                        $"The idempotency key '{key}' was already used to spend {-done.Points} points.",
                        "input.idempotencyKey"
                    ),
                ]);

        var balance = LoyaltyLedger.Balance(entries, now, options.Value.ExpiryMonths);
        if (balance < input.Points)
            return MutationResult<LoyaltyAccount>.Fail([
                new MutationError(
                    MutationErrorCode.Validation,
                    $"The customer has {balance} points; {input.Points} cannot be spent.",
                    "input.points"
                ),
            ]);
        db.LoyaltyEntries.Add(
            new LoyaltyEntry
            {
                CustomerId = customer.Id,
                Kind = LoyaltyEntryKind.Spend,
                Points = -input.Points,
                OccurredAt = now,
                Reference = reference,
                Description = description ?? "Points spent on a reward.",
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationResult<LoyaltyAccount>.Ok(await AccountAsync(db, customer.Id, now, cancellationToken));
    }

    /// <summary>
    /// Rewards both sides of a referral. A customer can be referred once: recording the same referral again changes
    /// nothing; the same referee with another referrer is a conflict.
    /// </summary>
    public async Task<MutationResult<Referral>> RecordReferralAsync(
        RecordReferralInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var referrerId = v.Id("referrerId", input.ReferrerId);
        var refereeId = v.Id("refereeId", input.RefereeId);
        if (referrerId is not null && referrerId == refereeId)
            v.Fail("refereeId", "a customer cannot refer themselves.");
        if (!v.IsValid)
            return MutationResult<Referral>.Fail(v.Errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var referrer = await LockCustomerAsync(db, referrerId!, cancellationToken);
            var referee = await db.Customers.FirstOrDefaultAsync(c => c.ExternalId == refereeId, cancellationToken);
            if (referrer is null)
                v.NotFound("referrerId", $"No customer has the id '{referrerId}'.");
            if (referee is null)
                v.NotFound("refereeId", $"No customer has the id '{refereeId}'.");
            if (!v.IsValid)
                return MutationResult<Referral>.Fail(v.Errors);

            var referred = await db.LoyaltyEntries.AnyAsync(
                e => e.CustomerId == referee!.Id && e.Reference == RefereeReference,
                cancellationToken
            );
            var referrerReference = $"referral:{referee!.Id}";
            if (!referred)
            {
                db.LoyaltyEntries.AddRange(
                    new LoyaltyEntry
                    {
                        CustomerId = referrer!.Id,
                        Kind = LoyaltyEntryKind.Referral,
                        Points = options.Value.ReferrerPoints,
                        OccurredAt = now,
                        Reference = referrerReference,
                        Description = $"Referred {referee.ExternalId}.",
                    },
                    new LoyaltyEntry
                    {
                        CustomerId = referee.Id,
                        Kind = LoyaltyEntryKind.Referral,
                        Points = options.Value.RefereePoints,
                        OccurredAt = now,
                        Reference = RefereeReference,
                        Description = $"Referred by {referrer.ExternalId}.",
                    }
                );
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 0)
                {
                    continue; // recorded concurrently: read it back
                }
            }
            else if (
                !await db.LoyaltyEntries.AnyAsync(
                    e => e.CustomerId == referrer!.Id && e.Reference == referrerReference,
                    cancellationToken
                )
            )
            {
                return MutationResult<Referral>.Fail([
                    new MutationError(
                        MutationErrorCode.Conflict,
                        $"Customer '{refereeId}' was already referred by someone else; a customer can be referred once.",
                        "input.refereeId"
                    ),
                ]);
            }
            var accounts = await AccountsAsync(db, [referrer!.Id, referee!.Id], now, cancellationToken);
            return MutationResult<Referral>.Ok(new Referral(accounts[referrer.Id], accounts[referee.Id]));
        }
    }

    private const string RefereeReference = "referred";

    /// <summary>
    /// Reads the customer and takes a write lock on their row first, so two spends of the same customer run one after
    /// the other (SQL Server keeps the row lock to the end of the transaction; SQLite has one writer at a time).
    /// </summary>
    private static async Task<Customer?> LockCustomerAsync(
        PersonalizeDbContext db,
        string externalId,
        CancellationToken cancellationToken
    )
    {
        var locked = await db
            .Customers.Where(c => c.ExternalId == externalId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, c => c.UpdatedAt), cancellationToken);
        return locked == 0 ? null : await db.Customers.FirstAsync(c => c.ExternalId == externalId, cancellationToken);
    }

    private async Task<LoyaltyAccount> AccountAsync(
        PersonalizeDbContext db,
        long customerId,
        DateTime asOf,
        CancellationToken cancellationToken
    ) => (await AccountsAsync(db, [customerId], asOf, cancellationToken))[customerId];

    private async Task<IReadOnlyDictionary<long, LoyaltyAccount>> AccountsAsync(
        PersonalizeDbContext db,
        IReadOnlyCollection<long> customerIds,
        DateTime asOf,
        CancellationToken cancellationToken
    )
    {
        var entries = (
            await db
                .LoyaltyEntries.Where(e => customerIds.Contains(e.CustomerId) && e.OccurredAt <= asOf)
                .ToListAsync(cancellationToken)
        ).ToLookup(e => e.CustomerId);
        var spend = await RollingSpendAsync(db, customerIds, asOf, cancellationToken);
        return customerIds
            .Distinct()
            .ToDictionary(id => id, id => Account(id, entries[id], spend.GetValueOrDefault(id), asOf));
    }

    private LoyaltyAccount Account(
        long customerId,
        IEnumerable<LoyaltyEntry> entries,
        decimal rollingSpend,
        DateTime asOf
    )
    {
        var history = LoyaltyLedger.Read(entries, asOf, options.Value.ExpiryMonths);
        var tier = Tiers.For(rollingSpend);
        var next = Tiers.Next(tier);
        var spendGap = next is null ? (decimal?)null : next.MinSpend - rollingSpend;
        return new LoyaltyAccount(
            customerId,
            asOf,
            history.Count > 0 ? history[^1].BalanceAfter : 0,
            rollingSpend,
            tier,
            next,
            spendGap,
            spendGap is { } gap ? (int)Math.Ceiling(gap * options.Value.PointsPerCurrencyUnit * tier.Multiplier) : null,
            history
        );
    }

    private static readonly CompiledQuery<
        Func<PersonalizeDbContext, long[], DateTime, DateTime, IAsyncEnumerable<CustomerSpend>>
    > SpendBetween = new(() =>
        EF.CompileAsyncQuery(
            (PersonalizeDbContext db, long[] ids, DateTime from, DateTime to) =>
                db
                    .Orders.Where(o => ids.Contains(o.CustomerId) && o.OrderedAt > from && o.OrderedAt <= to)
                    .GroupBy(o => o.CustomerId)
                    .Select(g => new CustomerSpend { CustomerId = g.Key, Spend = g.Sum(o => o.Amount) })
        )
    );

    private static async Task<Dictionary<long, decimal>> RollingSpendAsync(
        PersonalizeDbContext db,
        IReadOnlyCollection<long> customerIds,
        DateTime asOf,
        CancellationToken cancellationToken
    )
    {
        var spend = new Dictionary<long, decimal>();
        await foreach (
            var row in SpendBetween
                .For(db)(db, [.. customerIds.Distinct()], LoyaltyTiers.WindowStart(asOf), asOf)
                .WithCancellation(cancellationToken)
        )
            spend[row.CustomerId] = row.Spend;
        return spend;
    }

    private sealed class CustomerSpend
    {
        public long CustomerId { get; init; }
        public decimal Spend { get; init; }
    }
}
