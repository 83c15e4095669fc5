using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;

namespace Personalize.Interactions;

public sealed record TrackInteractionInput(
    string CustomerId, string ItemId, InteractionKind Kind, DateTime? OccurredAt = null, double? Weight = null, string? IdempotencyKey = null);

/// <summary>Records what customers do with content. A retried request with the same idempotency key is stored once.</summary>
public sealed class InteractionService(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock)
{
    public async Task<MutationResult<Interaction>> TrackAsync(TrackInteractionInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var customerId = v.Id("customerId", input.CustomerId);
        var itemId = v.Id("itemId", input.ItemId);
        var key = input.IdempotencyKey is null ? null : v.Id("idempotencyKey", input.IdempotencyKey);
        var occurredAt = input.OccurredAt ?? now;
        if (occurredAt > now.AddMinutes(5)) v.Fail("occurredAt", "is in the future.");
        if (input.Weight is { } w && (double.IsNaN(w) || double.IsInfinity(w) || w < -100 || w > 100))
            v.Fail("weight", "must be a number between -100 and 100.");
        if (!v.IsValid) return MutationResult<Interaction>.Fail(v.Errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (key is not null && await db.Interactions.FirstOrDefaultAsync(i => i.IdempotencyKey == key, cancellationToken) is { } stored)
                return MutationResult<Interaction>.Ok(stored);

            var item = await db.ContentItems.Where(c => c.Slug == itemId).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (item is null) return MutationResult<Interaction>.NotFound("input.itemId", "content item", itemId!);

            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var customer = await CustomerService.FindOrCreateAsync(db, customerId!, occurredAt, now, cancellationToken);
                if (customer.Id == 0) await db.SaveChangesAsync(cancellationToken);
                var interaction = new Interaction
                {
                    CustomerId = customer.Id, ContentItemId = item.Value, Kind = input.Kind,
                    OccurredAt = occurredAt, Weight = input.Weight, IdempotencyKey = key,
                };
                db.Interactions.Add(interaction);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return MutationResult<Interaction>.Ok(interaction);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 0)
            {
                // The same key (or the new customer) was written concurrently: the retry finds it.
            }
        }
    }
}
