using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Webhooks;

/// <summary>Endpoints and their secrets, and replaying deliveries. New endpoints receive the events written after they
/// were created.</summary>
public sealed class WebhookService(
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<WebhookOptions> options,
    TimeProvider clock
)
{
    public const int MaxOverlapHours = 24 * 30;

    public async Task<MutationResult<WebhookEndpoint>> CreateAsync(
        WebhookEndpointInput input,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        if (input.Url is null)
            v.Fail("url", "is required: the receiver's absolute http(s) URL.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var defaults = options.Value;
        var endpoint = new WebhookEndpoint
        {
            CreatedAt = now,
            MaxConcurrency = defaults.DefaultMaxConcurrency,
            MaxPerSecond = defaults.DefaultMaxPerSecond,
            Secret = input.Secret ?? WebhookSignature.NewSecret(),
            FannedOutTo = await db.CustomerEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0,
        };
        await ApplyAsync(db, endpoint, input, v, now, cancellationToken);
        if (!v.IsValid)
            return MutationResult<WebhookEndpoint>.Fail(v.Errors);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return MutationResult<WebhookEndpoint>.Ok(endpoint);
    }

    public async Task<MutationResult<WebhookEndpoint>> UpdateAsync(
        long id,
        WebhookEndpointInput input,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (
            await db.WebhookEndpoints.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            is not { } endpoint
        )
            return MutationResult<WebhookEndpoint>.NotFound("input.id", "webhook endpoint", id.ToString());
        if (input.Secret is not null)
            v.Fail(
                "secret",
                "cannot be set by an update: use rotateWebhookSecret, which keeps the old one valid for an overlap."
            );
        var now = clock.GetUtcNow().UtcDateTime;
        await ApplyAsync(db, endpoint, input with { Secret = null }, v, now, cancellationToken);
        if (!v.IsValid)
            return MutationResult<WebhookEndpoint>.Fail(v.Errors);
        await db.SaveChangesAsync(cancellationToken);
        return MutationResult<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>A new secret; requests carry signatures of both for <paramref name="overlapHours"/>, so receivers can
    /// switch without losing one.</summary>
    public async Task<MutationResult<WebhookEndpoint>> RotateSecretAsync(
        long id,
        int overlapHours,
        string? secret,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        v.Range("overlapHours", overlapHours, 0, MaxOverlapHours);
        if (secret is not null && !WebhookSignature.IsSecret(secret))
            v.Fail("secret", WebhookSignature.SecretRule + ".");
        if (!v.IsValid)
            return MutationResult<WebhookEndpoint>.Fail(v.Errors);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (
            await db.WebhookEndpoints.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            is not { } endpoint
        )
            return MutationResult<WebhookEndpoint>.NotFound("input.id", "webhook endpoint", id.ToString());
        var now = clock.GetUtcNow().UtcDateTime;
        (endpoint.PreviousSecret, endpoint.PreviousSecretExpiresAt) =
            overlapHours > 0 ? (endpoint.Secret, now.AddHours(overlapHours)) : ((string?)null, (DateTime?)null);
        endpoint.Secret = secret ?? WebhookSignature.NewSecret();
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return MutationResult<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>Deletes the endpoint and its delivery log.</summary>
    public async Task<MutationResult<WebhookEndpoint>> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (
            await db.WebhookEndpoints.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            is not { } endpoint
        )
            return MutationResult<WebhookEndpoint>.NotFound("input.id", "webhook endpoint", id.ToString());
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return MutationResult<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>
    /// Sends deliveries again from their first attempt: the dead ones (default), or every one whose event occurred in
    /// [from, to). Receivers see the same `webhook-id` again and can drop what they already have.
    /// </summary>
    public async Task<MutationResult<ReplayResult>> ReplayAsync(
        long id,
        bool deadOnly,
        DateTime? from,
        DateTime? to,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        v.Window("from", from, "to", to);
        if (!v.IsValid)
            return MutationResult<ReplayResult>.Fail(v.Errors);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, cancellationToken))
            return MutationResult<ReplayResult>.NotFound("input.endpointId", "webhook endpoint", id.ToString());
        var now = clock.GetUtcNow().UtcDateTime;
        var deliveries = db.WebhookDeliveries.Where(d => d.EndpointId == id);
        if (deadOnly)
            deliveries = deliveries.Where(d => d.Status == WebhookDeliveryStatus.Dead);
        if (from is not null)
            deliveries = deliveries.Where(d => d.Event.OccurredAt >= from);
        if (to is not null)
            deliveries = deliveries.Where(d => d.Event.OccurredAt < to);
        var count = await deliveries.ExecuteUpdateAsync(
            s =>
                s.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                    .SetProperty(d => d.Attempts, 0)
                    .SetProperty(d => d.NextAttemptAt, now)
                    .SetProperty(d => d.LeaseToken, (string?)null)
                    .SetProperty(d => d.LeaseUntil, (DateTime?)null),
            cancellationToken
        );
        return MutationResult<ReplayResult>.Ok(new ReplayResult(count));
    }

    private static async Task ApplyAsync(
        PersonalizeDbContext db,
        WebhookEndpoint endpoint,
        WebhookEndpointInput input,
        Validator v,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        if (input.Url is not null)
        {
            var url = v.Url("url", input.Url);
            if (url is not null)
                endpoint.Url = url;
        }
        if (input.Description is not null)
            endpoint.Description = v.Text("description", input.Description, 400);
        if (input.EventTypes is not null)
            endpoint.EventTypes = string.Join(',', input.EventTypes.Distinct().Order().Select(CustomerEvents.WireName));
        if (input.Stages is not null)
            endpoint.Stages = StageSets.From(input.Stages);
        if (input.SegmentId is not null)
        {
            var slug = input.SegmentId.Trim();
            endpoint.SegmentId =
                slug.Length == 0
                    ? null
                    : await db
                        .Segments.Where(s => s.Slug == slug)
                        .Select(s => (long?)s.Id)
                        .FirstOrDefaultAsync(cancellationToken);
            if (slug.Length > 0 && endpoint.SegmentId is null)
                v.NotFound("segmentId", $"No segment has the id '{slug}'.");
        }
        if (input.Secret is not null && !WebhookSignature.IsSecret(input.Secret))
            v.Fail("secret", WebhookSignature.SecretRule + " (or leave it out: one is made).");
        v.Range("maxConcurrency", input.MaxConcurrency, 1, 64);
        v.Range("maxPerSecond", input.MaxPerSecond, 1, 10_000);
        endpoint.MaxConcurrency = input.MaxConcurrency ?? endpoint.MaxConcurrency;
        endpoint.MaxPerSecond = input.MaxPerSecond ?? endpoint.MaxPerSecond;
        endpoint.Enabled = input.Enabled ?? endpoint.Enabled;
        endpoint.UpdatedAt = now;
    }
}
