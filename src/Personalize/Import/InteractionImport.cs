using Personalize.Interactions;
using Personalize.Privacy;

namespace Personalize.Import;

public sealed record InteractionRow(
    string CustomerId,
    string ItemSlug,
    InteractionKind Kind,
    DateTime OccurredAt,
    double? Weight,
    string IdempotencyKey
);

/// <summary>
/// customer_id,item_id,kind,occurred_at[,weight][,idempotency_key] — item_id is a content slug (an unknown one is a bad
/// row). Without an idempotency_key column, the key is derived from the row, so re-importing stores nothing twice.
/// </summary>
internal sealed class InteractionImport(KeyedHash keys) : IRowImport<InteractionRow>
{
    public string What => "interactions";
    public IReadOnlyList<string> RequiredColumns { get; } = ["customer_id", "item_id", "kind", "occurred_at"];
    public bool AffectsCustomerSummaries => false;

    public InteractionRow Parse(CsvRow row, ImportSession session)
    {
        var customer = Cells.MaxLength("customer_id", row.Required("customer_id"), 128);
        var item = row.Required("item_id");
        var kind = row.Enum<InteractionKind>("kind");
        var at = row.RequiredDate("occurred_at");
        var weight = (double?)row.Decimal("weight");
        var key = keys.IdempotencyKey(
            Cells.MaxLength("idempotency_key", row.Text("idempotency_key"), 128)
                ?? IdempotencyKeys.FromParts("row", customer, item, kind, at, weight)
        );
        return new InteractionRow(customer, item, kind, at, weight, key);
    }

    public async Task WriteAsync(
        IReadOnlyList<Parsed<InteractionRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var items = await session.ContentIdsAsync(cancellationToken);
        var known = new List<Parsed<InteractionRow>>(batch.Count);
        foreach (var r in batch)
            if (items.ContainsKey(r.Row.ItemSlug))
                known.Add(r);
            else
                session.ReportBad(r.Line, $"item_id: unknown content item '{r.Row.ItemSlug}'");

        await session.Customers.ResolveAsync(
            known.Select(r => new CustomerSighting(r.Row.CustomerId, r.Row.OccurredAt)),
            cancellationToken
        );
        var stored = await IdempotencyKeys.ExistingAsync(
            session.Db.Interactions.Select(i => i.IdempotencyKey),
            known.Select(r => r.Row.IdempotencyKey),
            cancellationToken
        );
        var interactions = new List<Interaction>(known.Count);
        foreach (var (line, row) in known)
        {
            if (session.Customers.IdOf(row.CustomerId) is not { } customerId)
                session.ReportBad(line, $"customer_id: unknown customer '{row.CustomerId}' (--strict)");
            else if (!stored.Add(row.IdempotencyKey))
                session.ReportSkipped("duplicates");
            else
            {
                interactions.Add(
                    new Interaction
                    {
                        CustomerId = customerId,
                        ContentItemId = items[row.ItemSlug],
                        Kind = row.Kind,
                        OccurredAt = row.OccurredAt,
                        Weight = row.Weight,
                        IdempotencyKey = row.IdempotencyKey,
                    }
                );
                session.ReportImported();
            }
        }
        await session.InsertAsync(interactions, cancellationToken);
        session.ReportCreated("interactions", interactions.Count);
    }
}
