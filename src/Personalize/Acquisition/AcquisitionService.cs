using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;

namespace Personalize.Acquisition;

/// <summary>The channel and campaign that acquired a customer. A later call replaces both.</summary>
public sealed record SetCustomerAcquisitionInput(string CustomerId, string Channel, string? Campaign = null);

/// <summary>One channel's spend for one month ("2026-10").</summary>
public sealed record MarketingSpendInput(string Channel, string Month, decimal Amount);

/// <summary>The rows a spend mutation stored, in the order given.</summary>
public sealed record MarketingSpendBatch(IReadOnlyList<MarketingSpend> Entries);

/// <summary>Writes acquisition data: a customer's channel and campaign, and marketing spend per channel and
/// month.</summary>
public sealed class AcquisitionService(
    IDbContextFactory<PersonalizeDbContext> factory,
    CustomerNearCache nearCache,
    TimeProvider clock
)
{
    public const int MaxSpendEntries = 1000;

    public async Task<MutationResult<Customer>> SetCustomerAcquisitionAsync(
        SetCustomerAcquisitionInput input,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        var id = v.Id("customerId", input.CustomerId);
        var channel = v.Text("channel", input.Channel, int.MaxValue, required: true);
        if (channel is not null && AcquisitionRules.ChannelProblem(channel) is { } channelProblem)
            v.Fail("channel", channelProblem);
        var campaign = v.Text("campaign", input.Campaign, int.MaxValue);
        if (campaign is not null && AcquisitionRules.CampaignProblem(campaign) is { } campaignProblem)
            v.Fail("campaign", campaignProblem);
        if (!v.IsValid)
            return MutationResult<Customer>.Fail(v.Errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsTracking().FirstOrDefaultAsync(c => c.ExternalId == id, cancellationToken);
        if (customer is null)
            return MutationResult<Customer>.NotFound("input.customerId", "customer", id!);
        if (customer.AcquisitionChannel != channel || customer.AcquisitionCampaign != campaign)
        {
            customer.AcquisitionChannel = channel;
            customer.AcquisitionCampaign = campaign;
            customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            nearCache.Invalidate([customer.Id]);
        }
        return MutationResult<Customer>.Ok(customer);
    }

    /// <summary>
    /// Stores each entry, replacing the amount already stored for its channel and month; all entries or none. A
    /// channel and month given twice in one call is an error (which amount was meant?).
    /// </summary>
    public async Task<MutationResult<MarketingSpendBatch>> RecordSpendAsync(
        IReadOnlyList<MarketingSpendInput> entries,
        CancellationToken cancellationToken
    )
    {
        var v = new Validator();
        var parsed = new List<(string Channel, DateTime Month, decimal Amount)>();
        if (entries.Count == 0)
            v.Fail("entries", "is empty: give at least one channel and month.");
        if (entries.Count > MaxSpendEntries)
            v.Fail("entries", $"has {entries.Count} entries; at most {MaxSpendEntries} are allowed per call.");
        var seen = new Dictionary<(string, DateTime), int>();
        for (var i = 0; i < entries.Count && entries.Count <= MaxSpendEntries; i++)
        {
            var (field, entry) = ($"entries[{i}]", entries[i]);
            var channel = v.Text($"{field}.channel", entry.Channel, int.MaxValue, required: true);
            if (channel is not null && AcquisitionRules.ChannelProblem(channel) is { } channelProblem)
                v.Fail($"{field}.channel", channelProblem);
            var month = v.Text($"{field}.month", entry.Month, int.MaxValue, required: true) is { } text
                ? AcquisitionRules.ParseMonth(text)
                : null;
            if (month is null && !string.IsNullOrWhiteSpace(entry.Month))
                v.Fail($"{field}.month", $"'{entry.Month}' is not {AcquisitionRules.MonthExample}.");
            if (AcquisitionRules.AmountProblem(entry.Amount) is { } amountProblem)
                v.Fail($"{field}.amount", amountProblem);
            if (channel is null || month is null)
                continue;
            if (seen.TryGetValue((channel, month.Value), out var first))
                v.Fail(
                    $"{field}.month",
                    $"{AcquisitionRules.FormatMonth(month.Value)} of '{channel}' is also "
                        + $"entries[{first}]: give each channel and month once."
                );
            else
                seen[(channel, month.Value)] = i;
            parsed.Add((channel, month.Value, entry.Amount));
        }
        if (!v.IsValid)
            return MutationResult<MarketingSpendBatch>.Fail(v.Errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            try
            {
                var stored = await UpsertAsync(db, parsed, clock.GetUtcNow().UtcDateTime, cancellationToken);
                return MutationResult<MarketingSpendBatch>.Ok(new MarketingSpendBatch(stored));
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 0)
            {
                // Another call created one of these months meanwhile: apply this one as an update.
            }
        }
    }

    /// <summary>Inserts or replaces the rows in one transaction; returns them in the order given.</summary>
    internal static async Task<List<MarketingSpend>> UpsertAsync(
        PersonalizeDbContext db,
        IReadOnlyList<(string Channel, DateTime Month, decimal Amount)> rows,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var channels = rows.Select(r => r.Channel).Distinct().ToList();
        var months = rows.Select(r => r.Month).Distinct().ToList();
        var existing = await db
            .MarketingSpend.AsTracking()
            .Where(s => channels.Contains(s.Channel) && months.Contains(s.Month))
            .ToDictionaryAsync(s => (s.Channel, s.Month), cancellationToken);
        var result = new List<MarketingSpend>(rows.Count);
        foreach (var (channel, month, amount) in rows)
        {
            if (!existing.TryGetValue((channel, month), out var row))
            {
                existing[(channel, month)] = row = new MarketingSpend
                {
                    Channel = channel,
                    Month = month,
                    Amount = amount,
                    UpdatedAt = now,
                };
                db.MarketingSpend.Add(row);
            }
            else if (row.Amount != amount)
                (row.Amount, row.UpdatedAt) = (amount, now);
            result.Add(row);
        }
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
