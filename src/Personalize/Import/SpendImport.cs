using Microsoft.EntityFrameworkCore;
using Personalize.Acquisition;

namespace Personalize.Import;

public sealed record SpendRow(string Channel, DateTime Month, decimal Amount);

/// <summary>
/// channel,month,amount — marketing spend per channel and month (YYYY-MM), keyed by (channel, month): a row replaces
/// the amount stored for its channel and month, so a corrected file can be imported again. A channel and month given
/// twice in one file is a bad row.
/// </summary>
internal sealed class SpendImport : IRowImport<SpendRow>
{
    private readonly Dictionary<(string, DateTime), long> _lines = [];

    public string What => "spend rows";
    public IReadOnlyList<string> RequiredColumns { get; } = ["channel", "month", "amount"];
    public bool AffectsCustomerSummaries => false;

    public SpendRow Parse(CsvRow row, ImportSession session)
    {
        var channel = Cells.Channel("channel", row.Required("channel"))!;
        var text = row.Required("month");
        var month = AcquisitionRules.ParseMonth(text)
            ?? throw new RowError($"month: '{text}' is not {AcquisitionRules.MonthExample}");
        var amount = row.RequiredDecimal("amount");
        if (AcquisitionRules.AmountProblem(amount) is { } problem)
            throw new RowError($"amount: {problem}");
        if (_lines.TryGetValue((channel, month), out var first))
            throw new RowError(
                $"month: {text} of '{channel}' is also on line {first}: give each channel and month once"
            );
        _lines[(channel, month)] = row.Line;
        return new SpendRow(channel, month, amount);
    }

    public async Task WriteAsync(
        IReadOnlyList<Parsed<SpendRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var channels = batch.Select(b => b.Row.Channel).Distinct().ToList();
        var months = batch.Select(b => b.Row.Month).Distinct().ToList();
        var existing = await session
            .Db.MarketingSpend.AsTracking()
            .Where(s => channels.Contains(s.Channel) && months.Contains(s.Month))
            .ToDictionaryAsync(s => (s.Channel, s.Month), cancellationToken);
        var created = 0;
        foreach (var (_, row) in batch)
        {
            if (!existing.TryGetValue((row.Channel, row.Month), out var stored))
            {
                session.Db.MarketingSpend.Add(
                    new MarketingSpend
                    {
                        Channel = row.Channel,
                        Month = row.Month,
                        Amount = row.Amount,
                        UpdatedAt = session.Now,
                    }
                );
                created++;
                session.ReportImported();
            }
            else if (stored.Amount != row.Amount)
            {
                (stored.Amount, stored.UpdatedAt) = (row.Amount, session.Now);
                session.ReportImported();
            }
            else
                session.ReportSkipped("unchanged");
        }
        await session.SaveAsync(cancellationToken);
        session.ReportCreated("spend rows", created);
    }
}
