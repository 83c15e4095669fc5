using Microsoft.EntityFrameworkCore;
using Personalize.Common;
using Personalize.Offers;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Import;

public sealed record OfferRow(
    string Code,
    string Title,
    string? Description,
    RewardType RewardType,
    decimal RewardValue,
    decimal Cost,
    TargetingRow Targeting,
    decimal? MinClv,
    decimal? MaxClv,
    IReadOnlyList<string> Countries,
    decimal? TotalBudget,
    int? PerCustomerCap,
    OfferStatus Status,
    string? MinLoyaltyTier = null
);

/// <summary>
/// code,title,description,reward_type,reward_value,cost,eligible_stages,min_clv,max_clv,countries,channels,valid_from,valid_until,
/// total_budget,per_customer_cap,status[,eligible_segments][,min_loyalty_tier] — upserts by code (BudgetSpent is never
/// touched).
/// </summary>
internal sealed class OfferImport : IRowImport<OfferRow>
{
    public string What => "offers";
    public IReadOnlyList<string> RequiredColumns { get; } = ["code", "title", "reward_type"];
    public bool AffectsCustomerSummaries => false;

    public OfferRow Parse(CsvRow row, ImportSession session)
    {
        var code = row.Required("code").ToUpperInvariant();
        if (code.Length > 64 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new RowError($"code: '{code}' is not a code (letters, digits, dashes and underscores, at most 64)");
        var min = row.Decimal("min_clv");
        var max = row.Decimal("max_clv");
        if (min > max)
            throw new RowError("max_clv: is below min_clv");
        var cap = row.Int("per_customer_cap");
        if (cap < 1)
            throw new RowError($"per_customer_cap: {cap} is not positive");
        return new OfferRow(
            code,
            Cells.MaxLength("title", row.Required("title"), 300),
            Cells.MaxLength("description", row.Text("description"), 2000),
            row.Enum<RewardType>("reward_type"),
            Cells.NotNegative("reward_value", row.Decimal("reward_value") ?? 0m),
            Cells.NotNegative("cost", row.Decimal("cost") ?? 0m),
            TargetingRow.Parse(row, TargetingNames.OfferColumns),
            min,
            max,
            row.List("countries").Select(c => Cells.Country("countries", c)!).Distinct().ToList(),
            row.Decimal("total_budget") is { } budget ? Cells.NotNegative("total_budget", budget) : null,
            cap,
            row.Enum<OfferStatus>("status", OfferStatus.Draft),
            Cells.MaxLength("min_loyalty_tier", row.Text("min_loyalty_tier"), 32)?.ToUpperInvariant()
        );
    }

    public async Task WriteAsync(
        IReadOnlyList<Parsed<OfferRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var codes = batch.Select(b => b.Row.Code).Distinct().ToList();
        var offers = await session
            .Db.Offers.AsTracking()
            .AsSplitQuery()
            .Include(o => o.EligibleCountries)
            .Include(o => o.EligibleSegments)
            .Where(o => codes.Contains(o.Code))
            .ToDictionaryAsync(o => o.Code, cancellationToken);
        var segments = await SegmentLookup.LoadAsync(
            session,
            batch.SelectMany(b => b.Row.Targeting.Segments),
            cancellationToken
        );

        var created = 0;
        foreach (var (line, row) in batch)
        {
            if (row.Targeting.UnknownSegment(segments) is { } unknown)
            {
                session.ReportBad(line, $"{TargetingNames.OfferColumns.Segments}: unknown segment '{unknown}'");
                continue;
            }
            if (!offers.TryGetValue(row.Code, out var offer))
            {
                offer = new Offer
                {
                    Code = row.Code,
                    CreatedAt = session.Now,
                    UpdatedAt = session.Now,
                };
                Apply(row, offer, segments);
                session.Db.Offers.Add(offer);
                offers[row.Code] = offer;
                created++;
                session.ReportImported();
            }
            else if (Apply(row, offer, segments))
            {
                offer.UpdatedAt = session.Now;
                session.ReportImported();
            }
            else
                session.ReportSkipped("unchanged");
        }
        await session.SaveAsync(cancellationToken);
        session.ReportCreated("offers", created);
    }

    private static bool Apply(OfferRow row, Offer o, IReadOnlyDictionary<string, Segment> segments)
    {
        var changes = new Changes();
        changes.Set(o.Title, row.Title, v => o.Title = v);
        changes.Set(o.Description, row.Description, v => o.Description = v);
        changes.Set(o.RewardType, row.RewardType, v => o.RewardType = v);
        changes.Set(o.RewardValue, row.RewardValue, v => o.RewardValue = v);
        changes.Set(o.Cost, row.Cost, v => o.Cost = v);
        changes.Set(o.MinClv, row.MinClv, v => o.MinClv = v);
        changes.Set(o.MaxClv, row.MaxClv, v => o.MaxClv = v);
        changes.Set(o.MinLoyaltyTier, row.MinLoyaltyTier, v => o.MinLoyaltyTier = v);
        changes.Set(o.TotalBudget, row.TotalBudget, v => o.TotalBudget = v);
        changes.Set(o.PerCustomerCap, row.PerCustomerCap, v => o.PerCustomerCap = v);
        changes.Set(o.Status, row.Status, v => o.Status = v);
        var countriesChanged = CollectionSync.Sync(
            o.EligibleCountries,
            row.Countries,
            c => c.Country,
            c => new OfferCountry { Country = c }
        );
        var segmentsChanged = row.Targeting.ApplyTo(o, segments, changes);
        return changes.Any || countriesChanged || segmentsChanged;
    }
}
