using Personalize.Privacy;
using Personalize.Surveys;

namespace Personalize.Import;

public sealed record SurveyRow(
    string CustomerId,
    SurveyKind Kind,
    int Score,
    DateTime RespondedAt,
    string? Comment,
    string IdempotencyKey
);

/// <summary>customer_id,kind (nps|csat),score (0-10 | 1-5),responded_at[,comment][,idempotency_key].</summary>
internal sealed class SurveyImport(KeyedHash keys) : IRowImport<SurveyRow>
{
    public string What => "survey responses";
    public IReadOnlyList<string> RequiredColumns { get; } = ["customer_id", "kind", "score", "responded_at"];
    public bool AffectsCustomerSummaries => false;

    public SurveyRow Parse(CsvRow row, ImportSession session)
    {
        var customer = Cells.MaxLength("customer_id", row.Required("customer_id"), 128);
        var kind = row.Enum<SurveyKind>("kind");
        var score = row.Int("score") ?? throw new RowError("score: is required");
        var (min, max) = kind == SurveyKind.Nps ? (0, 10) : (1, 5);
        if (score < min || score > max)
            throw new RowError($"score: {score} is outside {min}-{max} for {CsvRow.SnakeCase(kind.ToString())}");
        var at = row.RequiredDate("responded_at");
        var comment = Cells.MaxLength("comment", row.Text("comment"), 2000);
        var key = keys.IdempotencyKey(
            Cells.MaxLength("idempotency_key", row.Text("idempotency_key"), 128)
                ?? IdempotencyKeys.FromParts("row", customer, kind, score, at, comment)
        );
        return new SurveyRow(customer, kind, score, at, comment, key);
    }

    public async Task WriteAsync(
        IReadOnlyList<Parsed<SurveyRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        await session.Customers.ResolveAsync(
            batch.Select(r => new CustomerSighting(r.Row.CustomerId, r.Row.RespondedAt)),
            cancellationToken
        );
        var stored = await IdempotencyKeys.ExistingAsync(
            session.Db.SurveyResponses.Select(s => s.IdempotencyKey),
            batch.Select(r => r.Row.IdempotencyKey),
            cancellationToken
        );
        var responses = new List<SurveyResponse>(batch.Count);
        foreach (var (line, row) in batch)
        {
            if (session.Customers.IdOf(row.CustomerId) is not { } customerId)
                session.ReportBad(line, $"customer_id: unknown customer '{row.CustomerId}' (--strict)");
            else if (!stored.Add(row.IdempotencyKey))
                session.ReportSkipped("duplicates");
            else
            {
                responses.Add(
                    new SurveyResponse
                    {
                        CustomerId = customerId,
                        Kind = row.Kind,
                        Score = row.Score,
                        RespondedAt = row.RespondedAt,
                        Comment = row.Comment,
                        IdempotencyKey = row.IdempotencyKey,
                    }
                );
                session.ReportImported();
            }
        }
        await session.InsertAsync(responses, cancellationToken);
        session.ReportCreated("survey responses", responses.Count);
    }
}
