using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Privacy;

namespace Personalize.Surveys;

public sealed record RecordSurveyResponseInput(
    string CustomerId,
    SurveyKind Kind,
    int Score,
    string? Comment = null,
    DateTime? RespondedAt = null,
    string? IdempotencyKey = null
);

/// <summary>NPS and CSAT answers, and the per-customer scores the API reports.</summary>
public sealed class SurveyService(IDbContextFactory<PersonalizeDbContext> factory, TimeProvider clock, KeyedHash keys)
{
    public static (int Min, int Max) ScoreRange(SurveyKind kind) => kind == SurveyKind.Nps ? (0, 10) : (1, 5);

    public async Task<MutationResult<SurveyResponse>> RecordAsync(
        RecordSurveyResponseInput input,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var customerId = v.Id("customerId", input.CustomerId);
        var (min, max) = ScoreRange(input.Kind);
        v.Range("score", input.Score, min, max);
        var comment = v.Text("comment", input.Comment, 2000);
        var key =
            input.IdempotencyKey is null ? null
            : v.Id("idempotencyKey", input.IdempotencyKey) is { } raw ? keys.IdempotencyKey(raw)
            : null;
        var respondedAt = input.RespondedAt ?? now;
        if (respondedAt > now.AddMinutes(5))
            v.Fail("respondedAt", "is in the future.");
        if (!v.IsValid)
            return MutationResult<SurveyResponse>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (
            key is not null
            && await db.SurveyResponses.FirstOrDefaultAsync(s => s.IdempotencyKey == key, cancellationToken)
                is { } stored
        )
            return MutationResult<SurveyResponse>.Ok(stored);
        var customer = await db
            .Customers.Where(c => c.ExternalId == customerId)
            .Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
            return MutationResult<SurveyResponse>.NotFound("input.customerId", "customer", customerId!);

        var response = new SurveyResponse
        {
            CustomerId = customer.Value,
            Kind = input.Kind,
            Score = input.Score,
            Comment = comment,
            RespondedAt = respondedAt,
            IdempotencyKey = key,
        };
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await using var again = await factory.CreateDbContextAsync(cancellationToken);
            return MutationResult<SurveyResponse>.Ok(
                await again.SurveyResponses.FirstAsync(s => s.IdempotencyKey == key, cancellationToken)
            );
        }
        return MutationResult<SurveyResponse>.Ok(response);
    }

    /// <summary>Per customer: latest NPS answer, mean CSAT and number of answers — one statement for all the
    /// ids.</summary>
    public async Task<IReadOnlyDictionary<long, SurveyScores>> ScoresAsync(
        IReadOnlyCollection<long> customerIds,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db
            .SurveyResponses.Where(s => customerIds.Contains(s.CustomerId))
            .GroupBy(s => s.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Nps = g.Where(s => s.Kind == SurveyKind.Nps)
                    .OrderByDescending(s => s.RespondedAt)
                    .ThenByDescending(s => s.Id)
                    .Select(s => (int?)s.Score)
                    .FirstOrDefault(),
                NpsAt = g.Where(s => s.Kind == SurveyKind.Nps).Max(s => (DateTime?)s.RespondedAt),
                Csat = g.Where(s => s.Kind == SurveyKind.Csat).Average(s => (double?)s.Score),
                CsatCount = g.Count(s => s.Kind == SurveyKind.Csat),
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.CustomerId,
            r => new SurveyScores(r.Nps, r.NpsAt, r.Csat, r.CsatCount, r.Count)
        );
    }
}

/// <param name="LatestNps">The customer's most recent NPS answer (0-10).</param>
/// <param name="AverageCsat">Mean of the customer's CSAT answers (1-5).</param>
public sealed record SurveyScores(
    int? LatestNps,
    DateTime? LatestNpsAt,
    double? AverageCsat,
    int CsatCount,
    int ResponseCount
)
{
    public static readonly SurveyScores None = new(null, null, null, 0, 0);

    /// <summary>Promoter (9-10), passive (7-8) or detractor (0-6), from the latest NPS answer.</summary>
    public NpsCategory? NpsCategory =>
        LatestNps switch
        {
            null => null,
            >= 9 => Surveys.NpsCategory.Promoter,
            >= 7 => Surveys.NpsCategory.Passive,
            _ => Surveys.NpsCategory.Detractor,
        };
}

public enum NpsCategory
{
    [System.ComponentModel.Description("Answered 9 or 10.")]
    Promoter,

    [System.ComponentModel.Description("Answered 7 or 8.")]
    Passive,

    [System.ComponentModel.Description("Answered 0 to 6.")]
    Detractor,
}
