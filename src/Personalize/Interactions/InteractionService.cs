using Personalize.Common;
using Personalize.Privacy;

namespace Personalize.Interactions;

public sealed record TrackInteractionInput(
    string CustomerId,
    string ItemId,
    InteractionKind Kind,
    DateTime? OccurredAt = null,
    double? Weight = null,
    string? IdempotencyKey = null
);

/// <summary>
/// Records what customers do with content: validates, then hands the write to <see cref="InteractionWriter"/>, which
/// commits concurrent writes together. A retried request with the same idempotency key is stored once.
/// </summary>
public sealed class InteractionService(InteractionWriter writer, TimeProvider clock, KeyedHash keys)
{
    public async Task<MutationResult<Interaction>> TrackAsync(
        TrackInteractionInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var customerId = v.Id("customerId", input.CustomerId);
        var itemId = v.Id("itemId", input.ItemId);
        var key =
            input.IdempotencyKey is null ? null
            : v.Id("idempotencyKey", input.IdempotencyKey) is { } raw ? keys.IdempotencyKey(raw)
            : null;
        var occurredAt = input.OccurredAt ?? now;
        if (occurredAt > now.AddMinutes(5))
            v.Fail("occurredAt", "is in the future.");
        if (input.Weight is { } w && (double.IsNaN(w) || double.IsInfinity(w) || w < -100 || w > 100))
            v.Fail("weight", "must be a number between -100 and 100.");
        if (!v.IsValid)
            return MutationResult<Interaction>.Fail(v.Errors);

        return await writer.WriteAsync(
            new InteractionWrite(customerId!, itemId!, input.Kind, occurredAt, input.Weight, key),
            cancellationToken
        );
    }
}
