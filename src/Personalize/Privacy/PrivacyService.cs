using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Events;

namespace Personalize.Privacy;

public sealed record SetConsentInput(string CustomerId, bool? Personalization = null, bool? EmailMarketing = null);

/// <summary>What an erasure did. <see cref="AlreadyErased"/>: an earlier erasure of the same id had done it
/// all.</summary>
public sealed record Erasure(
    long CustomerId,
    DateTime ErasedAt,
    bool AlreadyErased,
    int InteractionsDeleted,
    int CommentsRemoved
);

/// <summary>Everything held about one customer, as a JSON document.</summary>
public sealed record CustomerExport(string CustomerId, DateTime GeneratedAt, string Json);

/// <summary>
/// Consent, erasure and export (GDPR articles 7, 17 and 15/20). Each writes an audit entry that holds no personal data.
/// Erasure keeps anonymised aggregates: the customer row stays under the id "erased-{internal id}" with its order
/// totals, scores and stage history, so revenue, CLV and stage counts still add up; name, email, locale, survey
/// comments, the ledger's texts, idempotency keys' traces and every interaction are removed, other customers' referral
/// lines name the anonymous id, the scores and candidate lists leave the caches, and the customer's orders no longer
/// feed recommender training or evaluation.
/// </summary>
public sealed class PrivacyService(
    IDbContextFactory<PersonalizeDbContext> factory,
    IEnumerable<ICustomerCache> caches,
    CustomerNearCache nearCache,
    KeyedHash keys,
    EventOutbox outbox,
    TimeProvider clock,
    ILogger<PrivacyService> logger
)
{
    public const string ErasedIdPrefix = "erased-";

    public async Task<MutationResult<Customer>> SetConsentAsync(
        SetConsentInput input,
        string actor,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        var id = v.Id("customerId", input.CustomerId);
        if (input.Personalization is null && input.EmailMarketing is null)
            v.Fail("personalization", "give personalization, emailMarketing or both.");
        if (!v.IsValid)
            return MutationResult<Customer>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsTracking().FirstOrDefaultAsync(c => c.ExternalId == id, cancellationToken);
        if (customer is null)
            return MutationResult<Customer>.NotFound("input.customerId", "customer", id!);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = (customer.ConsentPersonalization, customer.ConsentEmailMarketing);
        customer.ConsentPersonalization = input.Personalization ?? customer.ConsentPersonalization;
        customer.ConsentEmailMarketing = input.EmailMarketing ?? customer.ConsentEmailMarketing;
        customer.UpdatedAt = now;
        db.AuditEntries.Add(
            Audit(
                AuditAction.ConsentChanged,
                customer.Id,
                id!,
                actor,
                now,
                $"personalization={Flag(customer.ConsentPersonalization)} "
                    + $"emailMarketing={Flag(customer.ConsentEmailMarketing)}"
            )
        );
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            if (before != (customer.ConsentPersonalization, customer.ConsentEmailMarketing))
                await outbox.AppendAsync(
                    db,
                    [
                        CustomerEvents.ConsentChanged(
                            customer.Id,
                            customer.ConsentPersonalization,
                            customer.ConsentEmailMarketing,
                            now
                        ),
                    ],
                    cancellationToken
                );
            await transaction.CommitAsync(cancellationToken);
        }
        nearCache.Invalidate([customer.Id]);
        return MutationResult<Customer>.Ok(customer);
    }

    public async Task<MutationResult<Erasure>> EraseAsync(
        string customerId,
        string actor,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator("");
        var id = v.Id("id", customerId);
        if (!v.IsValid)
            return MutationResult<Erasure>.Fail(v.Errors);
        var subject = keys.Subject(id!);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Deleted rows' bytes are overwritten, not left in free pages of the file.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
        var customer = await db.Customers.AsTracking().FirstOrDefaultAsync(c => c.ExternalId == id, cancellationToken);
        if (customer is null)
        {
            var earlier = await db
                .AuditEntries.Where(a => a.Action == AuditAction.Erased && a.SubjectHash == subject)
                .OrderBy(a => a.Id)
                .FirstOrDefaultAsync(cancellationToken);
            return earlier is null
                ? MutationResult<Erasure>.NotFound("id", "customer", id!)
                : MutationResult<Erasure>.Ok(new Erasure(earlier.CustomerId ?? 0, earlier.At, true, 0, 0));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var anonymousId = ErasedIdPrefix + customer.Id;
        await RewriteTracesAsync(db, customer, anonymousId, cancellationToken);
        customer.ExternalId = anonymousId;
        customer.Email = null;
        customer.Name = null;
        customer.Locale = null;
        customer.ConsentPersonalization = false;
        customer.ConsentEmailMarketing = false;
        customer.ErasedAt = now;
        customer.UpdatedAt = now;
        var interactions = await db
            .Interactions.Where(i => i.CustomerId == customer.Id)
            .ExecuteDeleteAsync(cancellationToken);
        var comments = await db
            .SurveyResponses.Where(s => s.CustomerId == customer.Id && s.Comment != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Comment, (string?)null), cancellationToken);
        // Recommendation candidates are derived from the customer's behaviour: they go with it.
        await db.CustomerCandidates.Where(c => c.CustomerId == customer.Id).ExecuteDeleteAsync(cancellationToken);
        // Earlier events describe the customer's behaviour too (their undelivered webhooks go with them); one event
        // says it was erased.
        await db.CustomerEvents.Where(e => e.CustomerId == customer.Id).ExecuteDeleteAsync(cancellationToken);
        db.AuditEntries.Add(
            Audit(
                AuditAction.Erased,
                customer.Id,
                id!,
                actor,
                now,
                $"interactionsDeleted={interactions} commentsRemoved={comments}"
            )
        );
        await db.SaveChangesAsync(cancellationToken);
        await outbox.AppendAsync(
            db,
            [new NewEvent(customer.Id, CustomerEventType.CustomerErased, now, new { anonymousId })],
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        // The write-ahead log still holds the pages as they were: fold it into the file and empty it.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync(
                "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA secure_delete = OFF",
                cancellationToken
            );
        nearCache.Invalidate([customer.Id]);

        try
        {
            foreach (var cache in caches)
                await cache.RemoveManyAsync([customer.Id], cancellationToken);
        }
        catch (CacheUnavailableException e)
        {
            // The caches hold numbers under the internal id only; a later recompute or training overwrites them.
            logger.LogWarning(e, "Erased customer {CustomerId}, but the caches could not be cleared now.", customer.Id);
        }
        logger.LogInformation(
            "Erased customer {CustomerId} ({Interactions} interactions, {Comments} comments).",
            customer.Id,
            interactions,
            comments
        );
        return MutationResult<Erasure>.Ok(new Erasure(customer.Id, now, false, interactions, comments));
    }

    public async Task<CustomerExport?> ExportAsync(string customerId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.ExternalId == customerId, cancellationToken);
        if (customer is null)
            return null;

        var document = new
        {
            customer = new
            {
                id = customer.ExternalId,
                customer.Email,
                customer.Name,
                customer.Country,
                customer.Locale,
                customer.CreatedAt,
                customer.FirstSeenAt,
                customer.UpdatedAt,
                customer.ConsentPersonalization,
                customer.ConsentEmailMarketing,
                customer.OrderCount,
                customer.TotalSpent,
                customer.FirstOrderAt,
                customer.LastOrderAt,
                lifecycleStage = customer.Stage,
                customer.StageChangedAt,
                customer.ErasedAt,
                scores = new
                {
                    customer.ScoresAsOf,
                    customer.PredictedClv,
                    customer.HistoricalClv,
                    customer.ProbabilityAlive,
                    customer.ExpectedPurchases,
                    customer.AverageOrderValue,
                    customer.RfmRecency,
                    customer.RfmFrequency,
                    customer.RfmMonetary,
                },
            },
            orders = await db
                .Orders.Where(o => o.CustomerId == customer.Id)
                .OrderBy(o => o.OrderedAt)
                .Select(o => new
                {
                    o.Source,
                    orderId = o.ExternalId,
                    o.OrderedAt,
                    o.Amount,
                    o.Currency,
                    o.Margin,
                    o.RecordedAt,
                    lines = o.Lines.Select(l => new
                    {
                        l.ProductId,
                        l.ProductName,
                        l.Quantity,
                        l.UnitPrice,
                    }),
                })
                .ToListAsync(cancellationToken),
            interactions = await db
                .Interactions.Where(i => i.CustomerId == customer.Id)
                .OrderBy(i => i.OccurredAt)
                .Join(
                    db.ContentItems,
                    i => i.ContentItemId,
                    c => c.Id,
                    (i, c) =>
                        new
                        {
                            itemId = c.Slug,
                            i.Kind,
                            i.OccurredAt,
                            i.Weight,
                        }
                )
                .ToListAsync(cancellationToken),
            surveyResponses = await db
                .SurveyResponses.Where(s => s.CustomerId == customer.Id)
                .OrderBy(s => s.RespondedAt)
                .Select(s => new
                {
                    s.Kind,
                    s.Score,
                    s.Comment,
                    s.RespondedAt,
                })
                .ToListAsync(cancellationToken),
            stageHistory = await db
                .StageChanges.Where(s => s.CustomerId == customer.Id)
                .OrderBy(s => s.ChangedAt)
                .Select(s => new
                {
                    s.From,
                    s.To,
                    s.ChangedAt,
                })
                .ToListAsync(cancellationToken),
            offers = await db
                .OfferAssignments.Where(a => a.CustomerId == customer.Id)
                .OrderBy(a => a.AssignedAt)
                .Select(a => new
                {
                    a.Code,
                    offer = a.Offer.Code,
                    a.Channel,
                    a.AssignedAt,
                    a.ExpiresAt,
                    a.RedeemedAt,
                    a.Reason,
                })
                .ToListAsync(cancellationToken),
            loyalty = await db
                .LoyaltyEntries.Where(e => e.CustomerId == customer.Id)
                .OrderBy(e => e.OccurredAt)
                .Select(e => new
                {
                    e.Kind,
                    e.Points,
                    e.OccurredAt,
                    e.Description,
                })
                .ToListAsync(cancellationToken),
            experiments = await db
                .ExperimentExposures.Where(x => x.CustomerId == customer.Id)
                .Join(
                    db.Experiments,
                    x => x.ExperimentId,
                    e => e.Id,
                    (x, e) =>
                        new
                        {
                            experiment = e.Key,
                            inHoldout = x.VariantId == null,
                            x.ExposedAt,
                        }
                )
                .ToListAsync(cancellationToken),
            privacyLog = await db
                .AuditEntries.Where(a => a.CustomerId == customer.Id)
                .OrderBy(a => a.Id)
                .Select(a => new
                {
                    a.At,
                    a.Action,
                    a.Details,
                })
                .ToListAsync(cancellationToken),
        };
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(Audit(AuditAction.Exported, customer.Id, customerId, actor, now, ""));
        await db.SaveChangesAsync(cancellationToken);
        return new CustomerExport(customerId, now, JsonSerializer.Serialize(document, JsonOptions));
    }

    /// <summary>
    /// Rewrites what names the customer outside its own row: other customers' referral lines (by id) and, among its
    /// own rows, order ids that contain its id, email or name and the ledger's free texts.
    /// </summary>
    private static async Task RewriteTracesAsync(
        PersonalizeDbContext db,
        Customer customer,
        string anonymousId,
        CancellationToken cancellationToken
    )
    {
        var id = customer.ExternalId;
        string[] referred = [$"Referred {id}.", $"Referred by {id}."];
        await db
            .LoyaltyEntries.Where(e => e.Reference == "referral:" + id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Reference, "referral:" + customer.Id), cancellationToken);
        await db
            .LoyaltyEntries.Where(e => e.CustomerId != customer.Id && referred.Contains(e.Description))
            .ExecuteUpdateAsync(
                e => e.SetProperty(x => x.Description, x => x.Description!.Replace(id, anonymousId)),
                cancellationToken
            );
        await db
            .LoyaltyEntries.Where(e => e.CustomerId == customer.Id && e.Description != null)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Description, (string?)null), cancellationToken);
        foreach (
            var trace in new[] { id, customer.Email, customer.Name }
                .OfType<string>()
                .Where(t => t.Length > 0)
                .Select(t => t.ToLowerInvariant())
        )
            await db
                .Orders.Where(o => o.CustomerId == customer.Id && o.ExternalId.ToLower().Contains(trace))
                .ExecuteUpdateAsync(
                    o => o.SetProperty(x => x.ExternalId, x => ErasedIdPrefix + "order-" + x.Id),
                    cancellationToken
                );
    }

    /// <summary>The audit log's reference to a customer: a keyed hash of its id, which names no one without the
    /// secret.</summary>
    public string SubjectHash(string customerId) => keys.Subject(customerId);

    private AuditEntry Audit(
        AuditAction action,
        long customerId,
        string externalId,
        string actor,
        DateTime at,
        string details
    ) =>
        new()
        {
            Action = action,
            CustomerId = customerId,
            SubjectHash = keys.Subject(externalId),
            Actor = actor,
            At = at,
            Details = details,
        };

    private static string Flag(bool value) => value ? "true" : "false";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
