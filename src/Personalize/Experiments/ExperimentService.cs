using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Data;
using Personalize.Privacy;

namespace Personalize.Experiments;

/// <param name="Offer">Offer code shown by the variant (offer experiments).</param>
/// <param name="ContentItem">Content item id (slug) shown by the variant (content experiments).</param>
public sealed record VariantInput(
    string Id,
    string Name,
    int Weight,
    bool IsControl = false,
    string? Offer = null,
    string? ContentItem = null
);

/// <summary>On update, null leaves a field as it is; variants, subject and holdout can change only while in
/// draft.</summary>
public sealed record ExperimentInput(
    string Id,
    string? Name = null,
    string? Description = null,
    ExperimentSubject? Subject = null,
    double? HoldoutShare = null,
    IReadOnlyList<VariantInput>? Variants = null,
    int? AttributionWindowDays = null,
    ExperimentAllocation? Allocation = null,
    int? BurnInExposures = null
);

public sealed record RecordExposureInput(string ExperimentId, string CustomerId, DateTime? ExposedAt = null);

public sealed record RecordConversionInput(
    string ExperimentId,
    string CustomerId,
    decimal Value = 0,
    DateTime? ConvertedAt = null,
    string? IdempotencyKey = null
);

/// <summary>Where a customer stands in an experiment. <see cref="Variant"/> is null in the holdout.</summary>
public sealed record ExperimentAssignment(
    Experiment Experiment,
    string CustomerId,
    ExperimentVariant? Variant,
    DateTime? ExposedAt
)
{
    public bool InHoldout => Variant is null;
}

/// <summary>Defines experiments, assigns customers and logs exposures and conversions.</summary>
public sealed class ExperimentService(
    IDbContextFactory<PersonalizeDbContext> factory,
    TimeProvider clock,
    KeyedHash keys,
    RunningExperiments running
)
{
    public const double MaxHoldoutShare = 0.5;
    public const int MaxVariants = 10;
    public const int DefaultAttributionWindowDays = 14,
        MaxAttributionWindowDays = 365;
    public const int MaxBurnInExposures = 1_000_000;

    public Task<MutationResult<Experiment>> CreateAsync(ExperimentInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: true, cancellationToken);

    public Task<MutationResult<Experiment>> UpdateAsync(ExperimentInput input, CancellationToken cancellationToken) =>
        SaveAsync(input, create: false, cancellationToken);

    public Task<MutationResult<Experiment>> StartAsync(string id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(
            id,
            ExperimentStatus.Draft,
            ExperimentStatus.Running,
            (e, now) => e.StartedAt = now,
            cancellationToken
        );

    public Task<MutationResult<Experiment>> StopAsync(string id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(
            id,
            ExperimentStatus.Running,
            ExperimentStatus.Stopped,
            (e, now) => e.StoppedAt = now,
            cancellationToken
        );

    public async Task<IReadOnlyDictionary<string, Experiment>> ByKeysAsync(
        IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithVariants(db).Where(e => keys.Contains(e.Key)).ToDictionaryAsync(e => e.Key, cancellationToken);
    }

    public async Task<IReadOnlyList<Experiment>> ListAsync(
        ExperimentStatus? status,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WithVariants(db)
            .Where(e => status == null || e.Status == status)
            .OrderByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Key)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The arm each customer is in, without logging anything (e.g. to preview a send); null for an unknown
    /// experiment.</summary>
    public async Task<IReadOnlyDictionary<string, ExperimentAssignment>> AssignmentsAsync(
        string experimentId,
        IReadOnlyCollection<string> customerIds,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var experiment = await WithVariants(db).FirstOrDefaultAsync(e => e.Key == experimentId, cancellationToken);
        if (experiment is null)
            return new Dictionary<string, ExperimentAssignment>();
        var exposed = await db
            .ExperimentExposures.Where(x => x.ExperimentId == experiment.Id)
            .Join(
                db.Customers.Where(c => customerIds.Contains(c.ExternalId)),
                x => x.CustomerId,
                c => c.Id,
                (x, c) =>
                    new
                    {
                        c.ExternalId,
                        x.ExposedAt,
                        x.VariantId,
                    }
            )
            .ToDictionaryAsync(x => x.ExternalId, cancellationToken);
        var bandit = (await running.GetAsync(cancellationToken)).Bandits.GetValueOrDefault(experiment.Id);
        // An exposed customer's arm is the stored one (a bandit's allocation moves; the first exposure fixes the arm).
        return customerIds
            .Distinct()
            .ToDictionary(
                id => id,
                id =>
                    exposed.TryGetValue(id, out var x)
                        ? new ExperimentAssignment(
                            experiment,
                            id,
                            experiment.Variants.FirstOrDefault(v => v.Id == x.VariantId),
                            x.ExposedAt
                        )
                        : new ExperimentAssignment(experiment, id, VariantAssigner.Assign(experiment, id, bandit), null)
            );
    }

    /// <summary>Logs that the customer was shown the experiment (the first time counts) and returns their
    /// arm.</summary>
    public async Task<MutationResult<ExperimentAssignment>> RecordExposureAsync(
        RecordExposureInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var key = v.Id("experimentId", input.ExperimentId);
        var customerId = v.Id("customerId", input.CustomerId);
        var exposedAt = input.ExposedAt ?? now;
        if (exposedAt > now.AddMinutes(5))
            v.Fail("exposedAt", "is in the future.");
        if (!v.IsValid)
            return MutationResult<ExperimentAssignment>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var experiment = await WithVariants(db).FirstOrDefaultAsync(e => e.Key == key, cancellationToken);
        if (experiment is null)
            return MutationResult<ExperimentAssignment>.NotFound("input.experimentId", "experiment", key!);
        if (experiment.Status != ExperimentStatus.Running)
            return Conflict<ExperimentAssignment>(
                "input.experimentId",
                $"The experiment '{key}' is "
                    + $"{experiment.Status.ToString().ToUpperInvariant()}; exposures are logged only while it runs."
            );
        var customer = await db
            .Customers.Where(c => c.ExternalId == customerId)
            .Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
            return MutationResult<ExperimentAssignment>.NotFound("input.customerId", "customer", customerId!);

        var variant = VariantAssigner.Assign(
            experiment,
            customerId!,
            (await running.GetAsync(cancellationToken)).Bandits.GetValueOrDefault(experiment.Id)
        );
        var stored = await ExposureOfAsync(db, experiment.Id, customer.Value, cancellationToken);
        if (stored is not null && experiment.Allocation == ExperimentAllocation.ThompsonSampling)
            variant = await StoredVariantAsync(db, experiment, customer.Value, cancellationToken);
        if (stored is null)
        {
            db.ExperimentExposures.Add(
                new ExperimentExposure
                {
                    ExperimentId = experiment.Id,
                    CustomerId = customer.Value,
                    VariantId = variant?.Id,
                    ExposedAt = exposedAt,
                }
            );
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                stored = exposedAt;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // A concurrent request logged the first exposure: it stands.
                await using var again = await factory.CreateDbContextAsync(cancellationToken);
                stored = await ExposureOfAsync(again, experiment.Id, customer.Value, cancellationToken);
                variant = await StoredVariantAsync(again, experiment, customer.Value, cancellationToken);
            }
        }
        return MutationResult<ExperimentAssignment>.Ok(
            new ExperimentAssignment(experiment, customerId!, variant, stored)
        );
    }

    /// <summary>Logs a conversion of an exposed customer; with an idempotency key a retry is stored once.</summary>
    public async Task<MutationResult<ExperimentConversion>> RecordConversionAsync(
        RecordConversionInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var key = v.Id("experimentId", input.ExperimentId);
        var customerId = v.Id("customerId", input.CustomerId);
        var idempotencyKey =
            input.IdempotencyKey is null ? null
            : v.Id("idempotencyKey", input.IdempotencyKey) is { } raw ? keys.IdempotencyKey(raw)
            : null;
        v.Range("value", input.Value, 0m, 100_000_000m);
        var convertedAt = input.ConvertedAt ?? now;
        if (convertedAt > now.AddMinutes(5))
            v.Fail("convertedAt", "is in the future.");
        if (!v.IsValid)
            return MutationResult<ExperimentConversion>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Key == key, cancellationToken);
        if (experiment is null)
            return MutationResult<ExperimentConversion>.NotFound("input.experimentId", "experiment", key!);
        if (
            idempotencyKey is not null
            && await db.ExperimentConversions.FirstOrDefaultAsync(
                c => c.ExperimentId == experiment.Id && c.IdempotencyKey == idempotencyKey,
                cancellationToken
            )
                is { } retried
        )
            return MutationResult<ExperimentConversion>.Ok(retried);
        if (experiment.Status == ExperimentStatus.Draft)
            return Conflict<ExperimentConversion>("input.experimentId", $"The experiment '{key}' has not started.");
        var customer = await db
            .Customers.Where(c => c.ExternalId == customerId)
            .Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
            return MutationResult<ExperimentConversion>.NotFound("input.customerId", "customer", customerId!);
        var exposure = await db.ExperimentExposures.FirstOrDefaultAsync(
            x => x.ExperimentId == experiment.Id && x.CustomerId == customer,
            cancellationToken
        );
        if (exposure is null)
        {
            v.Fail(
                "customerId",
                $"The customer '{customerId}' was never exposed to '{key}'; only exposed customers convert."
            );
            return MutationResult<ExperimentConversion>.Fail(v.Errors);
        }
        if (convertedAt < exposure.ExposedAt)
        {
            v.Fail(
                "convertedAt",
                $"is before the customer's first exposure ({exposure.ExposedAt:O}), so the "
                    + "experiment cannot have caused it."
            );
            return MutationResult<ExperimentConversion>.Fail(v.Errors);
        }

        var conversion = new ExperimentConversion
        {
            ExperimentId = experiment.Id,
            CustomerId = customer.Value,
            VariantId = exposure.VariantId,
            Value = input.Value,
            ConvertedAt = convertedAt,
            IdempotencyKey = idempotencyKey,
        };
        db.ExperimentConversions.Add(conversion);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (experiment.Allocation == ExperimentAllocation.ThompsonSampling)
                running.Changed(); // the allocation follows the conversions
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await using var again = await factory.CreateDbContextAsync(cancellationToken);
            return MutationResult<ExperimentConversion>.Ok(
                await again.ExperimentConversions.FirstAsync(
                    c => c.ExperimentId == experiment.Id && c.IdempotencyKey == idempotencyKey,
                    cancellationToken
                )
            );
        }
        return MutationResult<ExperimentConversion>.Ok(conversion);
    }

    /// <summary>
    /// Results of several experiments at a constant number of statements whatever their number: exposures and
    /// conversions grouped per arm (2), then the exposed customers' exposures, first conversions, orders, dismissals,
    /// consent withdrawals and redeemed rewards (one each) for the metric analysis.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ExperimentResults>> ResultsAsync(
        IReadOnlyCollection<Experiment> experiments,
        CancellationToken cancellationToken
    )
    {
        var ids = experiments.Select(e => e.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var exposures = await db
            .ExperimentExposures.Where(x => ids.Contains(x.ExperimentId))
            .GroupBy(x => new { x.ExperimentId, x.VariantId })
            .Select(g => new
            {
                g.Key.ExperimentId,
                g.Key.VariantId,
                Count = g.LongCount(),
            })
            .ToListAsync(cancellationToken);
        var conversions = await db
            .ExperimentConversions.Where(c => ids.Contains(c.ExperimentId))
            .GroupBy(c => new { c.ExperimentId, c.VariantId })
            .Select(g => new
            {
                g.Key.ExperimentId,
                g.Key.VariantId,
                Customers = g.Select(c => c.CustomerId).Distinct().LongCount(),
                Value = g.Sum(c => c.Value),
            })
            .ToListAsync(cancellationToken);
        var customers = await ExposedCustomersAsync(db, ids, cancellationToken);

        return experiments.ToDictionary(
            e => e.Id,
            e =>
            {
                ArmCounts CountsOf(long? variantId)
                {
                    var exposed = exposures
                        .FirstOrDefault(x => x.ExperimentId == e.Id && x.VariantId == variantId)
                        ?.Count
                        ?? 0;
                    var converted = conversions.FirstOrDefault(c => c.ExperimentId == e.Id && c.VariantId == variantId);
                    return new ArmCounts(exposed, converted?.Customers ?? 0, converted?.Value ?? 0);
                }
                var end = e.StoppedAt is { } stopped && stopped < now ? stopped : now;
                var exposed = customers.GetValueOrDefault(e.Id) ?? [];
                var analysis = ExperimentAnalysis.Analyze(e, exposed, end);
                var bandit =
                    e.Allocation == ExperimentAllocation.ThompsonSampling ? BanditReport.From(e, exposed) : null;
                return ExperimentResults.From(
                    e,
                    e.Variants.ToDictionary(v => v.Id, v => CountsOf(v.Id)),
                    CountsOf(null),
                    analysis,
                    bandit
                );
            }
        );
    }

    /// <summary>Per experiment, what happened to each exposed customer: six statements for all the
    /// experiments.</summary>
    private static async Task<Dictionary<long, List<ExposedCustomer>>> ExposedCustomersAsync(
        PersonalizeDbContext db,
        List<long> ids,
        CancellationToken cancellationToken
    )
    {
        var exposures = await db
            .ExperimentExposures.Where(x => ids.Contains(x.ExperimentId))
            .Select(x => new
            {
                x.ExperimentId,
                x.CustomerId,
                x.VariantId,
                x.ExposedAt,
            })
            .ToListAsync(cancellationToken);
        // Without exposures the statements still run (they find nothing): the same statements whatever the data.
        var firstExposure = exposures.Count == 0 ? DateTime.UtcNow : exposures.Min(x => x.ExposedAt);
        var from = firstExposure.AddDays(-ExperimentAnalysis.PreExposureDays);
        var exposed = db.ExperimentExposures.Where(x => ids.Contains(x.ExperimentId));

        var orders = (
            await db
                .Orders.Where(o => o.OrderedAt >= from && exposed.Any(x => x.CustomerId == o.CustomerId))
                .Select(o => new
                {
                    o.CustomerId,
                    o.OrderedAt,
                    o.Amount,
                })
                .ToListAsync(cancellationToken)
        ).ToLookup(o => o.CustomerId, o => (o.OrderedAt, (double)o.Amount));
        var dismissals = (
            await db
                .Interactions.Where(i =>
                    i.Kind == Interactions.InteractionKind.Dismiss
                    && i.OccurredAt >= firstExposure
                    && exposed.Any(x => x.CustomerId == i.CustomerId)
                )
                .Select(i => new { i.CustomerId, i.OccurredAt })
                .ToListAsync(cancellationToken)
        ).ToLookup(i => i.CustomerId, i => i.OccurredAt);
        // A consent change that leaves a consent off (the audit trail records both flags after each change).
        var withdrawals = (
            await db
                .AuditEntries.Where(a =>
                    a.Action == AuditAction.ConsentChanged
                    && a.At >= firstExposure
                    && a.Details.Contains("=false")
                    && exposed.Any(x => x.CustomerId == a.CustomerId)
                )
                .Select(a => new { CustomerId = a.CustomerId!.Value, a.At })
                .ToListAsync(cancellationToken)
        ).ToLookup(a => a.CustomerId, a => a.At);
        var rewards = (
            await db
                .OfferAssignments.Where(a =>
                    a.RedeemedAt != null
                    && a.RedeemedAt >= firstExposure
                    && exposed.Any(x => x.CustomerId == a.CustomerId)
                )
                .Select(a => new
                {
                    a.CustomerId,
                    RedeemedAt = a.RedeemedAt!.Value,
                    a.CostCharged,
                })
                .ToListAsync(cancellationToken)
        ).ToLookup(a => a.CustomerId, a => (a.RedeemedAt, (double)(a.CostCharged ?? 0)));
        var converted = (
            await db
                .ExperimentConversions.Where(c => ids.Contains(c.ExperimentId))
                .GroupBy(c => new { c.ExperimentId, c.CustomerId })
                .Select(g => new
                {
                    g.Key.ExperimentId,
                    g.Key.CustomerId,
                    At = g.Min(c => c.ConvertedAt),
                })
                .ToListAsync(cancellationToken)
        ).ToDictionary(c => (c.ExperimentId, c.CustomerId), c => c.At);

        return exposures
            .GroupBy(x => x.ExperimentId)
            .ToDictionary(
                g => g.Key,
                g =>
                    g.Select(x =>
                        {
                            var pre = orders[x.CustomerId]
                                .Where(o =>
                                    o.OrderedAt < x.ExposedAt
                                    && o.OrderedAt >= x.ExposedAt.AddDays(-ExperimentAnalysis.PreExposureDays)
                                )
                                .Sum(o => o.Item2);
                            return new ExposedCustomer(
                                x.VariantId,
                                x.ExposedAt,
                                pre,
                                orders[x.CustomerId].ToList(),
                                dismissals[x.CustomerId].ToList(),
                                withdrawals[x.CustomerId].ToList(),
                                rewards[x.CustomerId].ToList(),
                                converted.TryGetValue((x.ExperimentId, x.CustomerId), out var at) ? at : null
                            );
                        })
                        .ToList()
            );
    }

    private async Task<MutationResult<Experiment>> SaveAsync(
        ExperimentInput input,
        bool create,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var key = v.Slug("id", input.Id);
        if (!v.IsValid)
            return MutationResult<Experiment>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var experiment = await db
            .Experiments.AsTracking()
            .Include(e => e.Variants)
            .FirstOrDefaultAsync(e => e.Key == key, cancellationToken);
        if (create && experiment is not null)
            v.Conflict("id", $"An experiment with the id '{key}' already exists; use updateExperiment.");
        if (!create && experiment is null)
            return MutationResult<Experiment>.NotFound("input.id", "experiment", key!);
        if (create)
        {
            if (string.IsNullOrWhiteSpace(input.Name))
                v.Fail("name", "is required.");
            if (input.Subject is null)
                v.Fail("subject", "is required: OFFER or CONTENT.");
            if (input.Variants is null)
                v.Fail("variants", "are required: at least two, one of them the control.");
        }
        else if (experiment!.Status != ExperimentStatus.Draft)
        {
            foreach (
                var (field, given) in new[]
                {
                    ("subject", input.Subject is not null),
                    ("holdoutShare", input.HoldoutShare is not null),
                    ("variants", input.Variants is not null),
                    ("attributionWindowDays", input.AttributionWindowDays is not null),
                    ("allocation", input.Allocation is not null),
                    ("burnInExposures", input.BurnInExposures is not null),
                }
            )
                if (given)
                    v.Conflict(
                        field,
                        "cannot change once the experiment has started: customers have been assigned by it."
                    );
        }
        if (!v.IsValid)
            return MutationResult<Experiment>.Fail(v.Errors);

        experiment ??= db.Experiments.Add(new Experiment { Key = key!, CreatedAt = now }).Entity;
        if (input.Name is not null)
            experiment.Name = v.Text("name", input.Name, 200, required: true) ?? experiment.Name;
        if (input.Description is not null)
            experiment.Description = v.Text("description", input.Description, 2000);
        experiment.Subject = input.Subject ?? experiment.Subject;
        if (input.HoldoutShare is { } holdout)
        {
            if (holdout is < 0 or > MaxHoldoutShare)
                v.Fail("holdoutShare", $"is {holdout}; it must be between 0 and {MaxHoldoutShare}.");
            experiment.HoldoutShare = holdout;
        }
        if (input.AttributionWindowDays is { } window)
        {
            v.Range("attributionWindowDays", window, 1, MaxAttributionWindowDays);
            experiment.AttributionWindowDays = window;
        }
        experiment.Allocation = input.Allocation ?? experiment.Allocation;
        if (input.BurnInExposures is { } burnIn)
        {
            v.Range("burnInExposures", burnIn, 0, MaxBurnInExposures);
            experiment.BurnInExposures = burnIn;
        }
        if (input.Variants is not null)
            experiment.Variants = await VariantsAsync(db, experiment.Subject, input.Variants, v, cancellationToken);
        if (!v.IsValid)
            return MutationResult<Experiment>.Fail(v.Errors);

        await db.SaveChangesAsync(cancellationToken);
        running.Changed();
        return MutationResult<Experiment>.Ok((await ByKeysAsync([key!], cancellationToken))[key!]);
    }

    private static async Task<List<ExperimentVariant>> VariantsAsync(
        PersonalizeDbContext db,
        ExperimentSubject subject,
        IReadOnlyList<VariantInput> inputs,
        Validator v,
        CancellationToken cancellationToken
    )
    {
        if (inputs.Count is < 2 or > MaxVariants)
            v.Fail("variants", $"has {inputs.Count} variants; an experiment has 2 to {MaxVariants}.");
        if (inputs.Count(i => i.IsControl) != 1)
            v.Fail("variants", "exactly one variant must be the control (isControl: true).");

        var offerCodes = inputs.Select(i => i.Offer).OfType<string>().ToList();
        var offers = await db
            .Offers.Where(o => offerCodes.Contains(o.Code))
            .ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);
        var slugs = inputs.Select(i => i.ContentItem).OfType<string>().ToList();
        var items = await db
            .ContentItems.Where(c => slugs.Contains(c.Slug))
            .ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);

        var variants = new List<ExperimentVariant>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var path = $"variants[{i}]";
            var key = v.Slug($"{path}.id", input.Id);
            if (key is not null && !keys.Add(key))
                v.Conflict($"{path}.id", $"'{key}' names two variants.");
            var name = v.Text($"{path}.name", input.Name, 200, required: true);
            v.Range($"{path}.weight", input.Weight, 1, 10_000);
            long? offerId = null,
                contentItemId = null;
            if (input.Offer is not null)
            {
                if (subject != ExperimentSubject.Offer)
                    v.Fail($"{path}.offer", "only offer experiments show offers.");
                else if (offers.TryGetValue(input.Offer, out var id))
                    offerId = id;
                else
                    v.NotFound($"{path}.offer", $"No offer has the code '{input.Offer}'.");
            }
            if (input.ContentItem is not null)
            {
                if (subject != ExperimentSubject.Content)
                    v.Fail($"{path}.contentItem", "only content experiments show content items.");
                else if (items.TryGetValue(input.ContentItem, out var id))
                    contentItemId = id;
                else
                    v.NotFound($"{path}.contentItem", $"No content item has the id '{input.ContentItem}'.");
            }
            variants.Add(
                new ExperimentVariant
                {
                    Key = key ?? "",
                    Name = name ?? "",
                    Weight = input.Weight,
                    IsControl = input.IsControl,
                    OfferId = offerId,
                    ContentItemId = contentItemId,
                }
            );
        }
        return variants;
    }

    internal static IQueryable<Experiment> WithVariants(PersonalizeDbContext db) =>
        db.Experiments.Include(e => e.Variants).AsSplitQuery();

    private static Task<DateTime?> ExposureOfAsync(
        PersonalizeDbContext db,
        long experimentId,
        long customerId,
        CancellationToken cancellationToken
    ) =>
        db
            .ExperimentExposures.Where(x => x.ExperimentId == experimentId && x.CustomerId == customerId)
            .Select(x => (DateTime?)x.ExposedAt)
            .FirstOrDefaultAsync(cancellationToken);

    private static async Task<ExperimentVariant?> StoredVariantAsync(
        PersonalizeDbContext db,
        Experiment experiment,
        long customerId,
        CancellationToken cancellationToken
    )
    {
        var id = await db
            .ExperimentExposures.Where(x => x.ExperimentId == experiment.Id && x.CustomerId == customerId)
            .Select(x => x.VariantId)
            .FirstOrDefaultAsync(cancellationToken);
        return experiment.Variants.FirstOrDefault(v => v.Id == id);
    }

    private static MutationResult<T> Conflict<T>(string path, string message)
        where T : class => MutationResult<T>.Fail([new MutationError(MutationErrorCode.Conflict, message, path)]);

    private async Task<MutationResult<Experiment>> ChangeStatusAsync(
        string id,
        ExperimentStatus from,
        ExperimentStatus to,
        Action<Experiment, DateTime> stamp,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.AsTracking().FirstOrDefaultAsync(e => e.Key == id, cancellationToken);
        if (experiment is null)
            return MutationResult<Experiment>.NotFound("id", "experiment", id);
        if (experiment.Status == to)
            return MutationResult<Experiment>.Ok((await ByKeysAsync([id], cancellationToken))[id]);
        if (experiment.Status != from)
            return Conflict<Experiment>(
                "id",
                $"The experiment '{id}' is "
                    + $"{experiment.Status.ToString().ToUpperInvariant()}; only a {from.ToString().ToUpperInvariant()} "
                    + $"experiment can become {to.ToString().ToUpperInvariant()}."
            );
        experiment.Status = to;
        stamp(experiment, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        running.Changed();
        return MutationResult<Experiment>.Ok((await ByKeysAsync([id], cancellationToken))[id]);
    }
}
