using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Import;
using Personalize.Lifecycle;
using Personalize.Offers;

namespace Personalize.Seeding;

public sealed record MarketingHistorySummary(
    int Customers,
    long SpendRows,
    int StageChanges,
    int OfferCodes,
    int Redemptions,
    long SurveyAnswers,
    TimeSpan Elapsed
)
{
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Marketing history: {Customers:N0} customers given a channel, {SpendRows:N0} months of spend, "
                + $"{StageChanges:N0} stage changes, "
                + $"{OfferCodes:N0} offer codes ({Redemptions:N0} redeemed), {SurveyAnswers:N0} survey answers in "
                + $"{Elapsed.TotalSeconds:0.0} s"
        );
}

/// <summary>
/// Gives a store of customers and orders the marketing history a dashboard reads, drawn from one seeded
/// <see cref="Random"/> and relative to the anchor date: each customer's acquisition channel and campaign (channels
/// differ in who they bring: referrals bring repeat buyers, paid social more one-time buyers), each paid channel's
/// monthly spend (its cost per acquired customer, with noise, plus fixed fees), optionally survey answers, the stage
/// history a weekly stage refresh would have recorded, and a year of offer codes sent by campaign and redeemed by
/// orders the customers placed. Channels, spend and answers go through the import engine; the rest is written directly.
/// </summary>
public sealed class MarketingHistory(
    DataImporter importer,
    LifecycleClassifier classifier,
    CustomerSummaryRefresher refresher,
    IDbContextFactory<PersonalizeDbContext> factory,
    IOptions<OffersOptions> offers
)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Channel, base weight, growth over the three years, cost per acquired customer, fixed monthly fee,
    /// campaigns.</summary>
    private static readonly (
        string Channel,
        double Weight,
        double Growth,
        decimal Cac,
        decimal Fee,
        string[] Campaigns
    )[] Channels =
    [
        ("organic-search", 22, 0.0, 0m, 3500m, []),
        ("paid-search", 24, 0.2, 140m, 0m, ["brand", "generic-hiking", "generic-climbing", "shopping-feed"]),
        ("paid-social", 12, 1.2, 210m, 0m, ["spring-launch", "trail-stories", "winter-gear"]),
        ("affiliate", 10, 0.1, 120m, 400m, ["outdoor-blogs", "cashback"]),
        ("display", 7, -0.3, 320m, 0m, ["retargeting", "prospecting"]),
        ("email", 7, 0.0, 0m, 900m, ["newsletter-welcome"]),
        ("referral", 9, 0.5, 60m, 0m, ["refer-a-friend"]),
        ("direct", 9, 0.0, 0m, 0m, []),
    ];

    private sealed record Buyer(
        long Id,
        string ExternalId,
        DateTime CreatedAt,
        bool Consent,
        bool EmailConsent,
        string? Country,
        List<(long Id, DateTime At, decimal Amount)> Orders
    );

    /// <summary>Channels and campaigns, spend, survey answers when asked, and the stage history; then the stages as of
    /// the anchor.</summary>
    public async Task<MarketingHistorySummary> GenerateAsync(
        DateTime anchor,
        int seed,
        bool surveys,
        ImportOptions import,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var rng = new Random(seed);
        var buyers = await LoadAsync(cancellationToken);

        var channels = buyers.ToDictionary(b => b.Id, b => PickChannel(rng, b, anchor));
        await ImportAsync(
            ImportKind.Customers,
            buyers
                .Select(b => (b, channels[b.Id]))
                .Select(x => $"{Csv(x.b.ExternalId)},{x.Item2.Channel},{(x.Item2.Campaign is { } c ? Csv(c) : "")}")
                .Prepend("customer_id,acquisition_channel,acquisition_campaign"),
            import,
            cancellationToken
        );
        var spend = await ImportAsync(
            ImportKind.Spend,
            SpendLines(rng, buyers, channels, anchor).Prepend("channel,month,amount"),
            import,
            cancellationToken
        );
        var answers = surveys
            ? await ImportAsync(
                ImportKind.Surveys,
                SurveyLines(rng, buyers, anchor).Prepend("customer_id,kind,score,responded_at"),
                import,
                cancellationToken
            )
            : 0;

        var changes = await WriteStageHistoryAsync(
            buyers,
            buyers.ToDictionary(b => b.Id, b => Replay(b, anchor)),
            anchor,
            cancellationToken
        );
        return new MarketingHistorySummary(buyers.Count, spend, changes, 0, 0, answers, stopwatch.Elapsed);
    }

    /// <summary>A year of offer codes from weekly campaign sends, after the codes already stored (whose rounds it
    /// continues).</summary>
    public async Task<(int Codes, int Redeemed)> GenerateOffersAsync(
        DateTime anchor,
        int seed,
        CancellationToken cancellationToken = default
    )
    {
        var buyers = await LoadAsync(cancellationToken);
        return await WriteOfferHistoryAsync(
            new Random(seed),
            buyers,
            buyers.ToDictionary(b => b.Id, b => Replay(b, anchor)),
            anchor,
            cancellationToken
        );
    }

    private async Task<List<Buyer>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var orders = (
            await db
                .Orders.Select(o => new
                {
                    o.CustomerId,
                    o.Id,
                    o.OrderedAt,
                    o.Amount,
                })
                .ToListAsync(cancellationToken)
        ).ToLookup(o => o.CustomerId, o => (o.Id, o.OrderedAt, o.Amount));
        return (
            await db
                .Customers.OrderBy(c => c.Id)
                .Select(c => new
                {
                    c.Id,
                    c.ExternalId,
                    c.CreatedAt,
                    c.ConsentPersonalization,
                    c.ConsentEmailMarketing,
                    c.Country,
                })
                .ToListAsync(cancellationToken)
        ).Select(c => new Buyer(c.Id, c.ExternalId, c.CreatedAt, c.ConsentPersonalization, c.ConsentEmailMarketing, c.Country, orders[c.Id].OrderBy(o => o.OrderedAt).ToList())).ToList();
    }

    private async Task<long> ImportAsync(
        ImportKind kind,
        IEnumerable<string> lines,
        ImportOptions import,
        CancellationToken cancellationToken
    )
    {
        var summary = await importer.ImportAsync(
            kind,
            () => new LinesReader(lines),
            import,
            cancellationToken: cancellationToken
        );
        if (!summary.Committed)
            throw new InvalidOperationException(
                $"Marketing history stopped: {summary}; {string.Join("; ", summary.BadRows.Take(5))}"
            );
        return summary.Imported;
    }

    private static (string Channel, string? Campaign, DateTime? Acquired) PickChannel(
        Random rng,
        Buyer buyer,
        DateTime anchor
    )
    {
        var progress = Math.Clamp(1 - (anchor - buyer.CreatedAt).TotalDays / (3 * 365), 0, 1);
        var orders = buyer.Orders.Count;
        var weights = Channels
            .Select(c =>
                (
                    c,
                    c.Weight
                        * Math.Max(0.1, 1 + c.Growth * (progress - 0.5))
                        * c.Channel switch
                        {
                            "referral" => orders >= 5 ? 2.2
                            : orders <= 1 ? 0.6
                            : 1,
                            "organic-search" => orders >= 5 ? 1.3 : 1,
                            "paid-social" => orders <= 1 ? 1.5
                            : orders >= 5 ? 0.6
                            : 1,
                            "display" or "affiliate" => orders <= 1 ? 1.3 : 1,
                            _ => 1,
                        }
                )
            )
            .ToList();
        var channel = rng.Weighted(weights);
        var campaign =
            channel.Campaigns.Length == 0 ? null
            : channel.Channel == "paid-social" ? $"{rng.Pick(channel.Campaigns)}-{buyer.CreatedAt.Year}"
            : rng.Pick(channel.Campaigns);
        return (channel.Channel, campaign, buyer.Orders.Count == 0 ? null : buyer.Orders[0].At);
    }

    /// <summary>Per channel and month of the three years before the anchor: its cost per customer it acquired that
    /// month, ±20 %, plus its fee.</summary>
    private static IEnumerable<string> SpendLines(
        Random rng,
        List<Buyer> buyers,
        Dictionary<long, (string Channel, string? Campaign, DateTime? Acquired)> channels,
        DateTime anchor
    )
    {
        var acquired = channels
            .Values.Where(c => c.Acquired is not null)
            .GroupBy(c => (c.Channel, Month: CalendarMonth.StartOf(c.Acquired!.Value)))
            .ToDictionary(g => g.Key, g => g.Count());
        var scale = Math.Max(1, buyers.Count / 5000.0); // fees grow with the size of the shop
        var last = CalendarMonth.StartOf(anchor);
        for (
            var month = last.AddMonths(-36);
            month < last || (month == last && anchor > last);
            month = month.AddMonths(1)
        )
            foreach (var (channel, _, _, cac, fee, _) in Channels)
            {
                var amount =
                    cac * acquired.GetValueOrDefault((channel, month)) * (decimal)(0.8 + 0.4 * rng.NextDouble())
                    + fee * (decimal)scale;
                if (amount > 0)
                    yield return string.Create(Inv, $"{channel},{month:yyyy-MM},{Math.Round(amount, 2):0.00}");
            }
    }

    /// <summary>About one order in twelve is followed by a CSAT or NPS answer a few days later (repeat buyers recommend
    /// more readily).</summary>
    private static IEnumerable<string> SurveyLines(Random rng, List<Buyer> buyers, DateTime anchor)
    {
        foreach (var buyer in buyers)
            for (var n = 0; n < buyer.Orders.Count; n++)
            {
                var at = buyer.Orders[n].At.AddDays(2 + rng.Next(5));
                if (at >= anchor || rng.NextDouble() > 0.08)
                    continue;
                if (rng.NextDouble() < 0.6)
                    yield return string.Create(
                        Inv,
                        $"{Csv(buyer.ExternalId)},csat,{rng.Weighted<int>([(5, 45), (4, 30), (3, 12), (2, 8), (1, 5)])},{at:yyyy-MM-ddTHH:mm:ssZ}"
                    );
                else
                    yield return string.Create(
                        Inv,
                        $"{Csv(buyer.ExternalId)},nps,{Math.Clamp((int)Math.Round(6 + Math.Min(n + 1, 8) * 0.4 + rng.Normal() * 2), 0, 10)},{at:yyyy-MM-ddTHH:mm:ssZ}"
                    );
            }
    }

    /// <summary>
    /// The stage a weekly refresh would have given the customer each Monday before the anchor, judged from the orders
    /// placed by then (no scores existed then: LOYAL by orders and spend). Returns each stage with the time it began.
    /// </summary>
    private List<(DateTime At, LifecycleStage Stage)> Replay(Buyer buyer, DateTime anchor)
    {
        var timeline = new List<(DateTime, LifecycleStage)> { (buyer.CreatedAt, LifecycleStage.Prospect) };
        if (buyer.Orders.Count == 0)
            return timeline;
        var customer = new Customer();
        var monday = buyer.CreatedAt.Date.AddDays(7 - ((int)buyer.CreatedAt.DayOfWeek + 6) % 7);
        var (next, days) = (0, new HashSet<DateTime>());
        for (var week = monday; week < anchor; week = week.AddDays(7))
        {
            while (next < buyer.Orders.Count && buyer.Orders[next].At < week)
            {
                var (_, at, amount) = buyer.Orders[next++];
                days.Add(at.Date);
                customer.TotalSpent += amount;
                customer.OrderCount++;
                customer.FirstOrderAt ??= at;
                customer.LastOrderAt = at;
            }
            if (customer.OrderCount == 0)
                continue;
            customer.RhythmDueAt = classifier.RhythmDueAt(
                customer.LastOrderAt!.Value,
                days.Count - 1,
                (days.Max() - days.Min()).TotalDays
            );
            var stage = classifier.Classify(customer, week, null);
            if (stage != timeline[^1].Item2)
                timeline.Add((week, stage));
        }
        return timeline;
    }

    private async Task<int> WriteStageHistoryAsync(
        List<Buyer> buyers,
        Dictionary<long, List<(DateTime At, LifecycleStage Stage)>> timelines,
        DateTime anchor,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StageChanges.ExecuteDeleteAsync(cancellationToken);
        var changes = timelines
            .SelectMany(t =>
                t.Value.Skip(1)
                    .Select(
                        (s, i) =>
                            new StageChange
                            {
                                CustomerId = t.Key,
                                From = t.Value[i].Stage,
                                To = s.Stage,
                                ChangedAt = s.At,
                            }
                    )
            )
            .ToList();
        using (var bulk = new BulkInserter(db))
            bulk.Insert(changes, readGeneratedKeys: false);
        foreach (var group in buyers.GroupBy(b => timelines[b.Id][^1]))
        foreach (var chunk in group.Select(b => b.Id).Chunk(1000))
            await db
                .Customers.Where(c => chunk.Contains(c.Id))
                .ExecuteUpdateAsync(
                    c => c.SetProperty(x => x.Stage, group.Key.Stage).SetProperty(x => x.StageChangedAt, group.Key.At),
                    cancellationToken
                );
        await transaction.CommitAsync(cancellationToken);
        // Then the order summaries and the stages as of the anchor, with the scores if any, as the service judges them
        // now.
        await refresher.RefreshAllAsync(anchor, cancellationToken);
        return changes.Count;
    }

    /// <summary>
    /// A campaign send each Monday of the year before the anchor (ending a month before it, so no code is still held):
    /// each consenting customer gets, with a small chance, one offer their stage of the day was eligible for; a code is
    /// redeemed, at half the chance, by the customer's first order before it expires, while the offer's budget lasts.
    /// </summary>
    private async Task<(int Codes, int Redeemed)> WriteOfferHistoryAsync(
        Random rng,
        List<Buyer> buyers,
        Dictionary<long, List<(DateTime At, LifecycleStage Stage)>> timelines,
        DateTime anchor,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var catalog = await db
            .Offers.AsTracking()
            .AsSplitQuery()
            .Include(o => o.EligibleSegments)
            .Include(o => o.EligibleCountries)
            .Where(o => o.Status == OfferStatus.Active && o.MinLoyaltyTier == null && o.MinClv == null)
            .ToListAsync(cancellationToken);
        catalog = catalog.Where(o => o.EligibleSegments.Count == 0).ToList();
        if (catalog.Count == 0)
            return (0, 0);
        var rounds = (
            await db
                .OfferAssignments.Select(a => new
                {
                    a.CustomerId,
                    a.OfferId,
                    a.Round,
                    Redeemed = a.RedeemedAt != null,
                })
                .ToListAsync(cancellationToken)
        ).GroupBy(a => (a.CustomerId, a.OfferId)).ToDictionary(g => g.Key, g => (Round: g.Max(a => a.Round), Redeemed: g.Count(a => a.Redeemed)));
        var codes = (await db.OfferAssignments.Select(a => a.Code).ToListAsync(cancellationToken)).ToHashSet();
        var days = offers.Value.AssignmentDays;
        var (start, end) = (anchor.AddDays(-365), anchor.AddDays(-30));
        var assignments = new List<OfferAssignment>();
        foreach (var buyer in buyers.Where(b => b.Consent))
        {
            var heldUntil = DateTime.MinValue;
            for (var week = start.Date.AddDays(7 - ((int)start.DayOfWeek + 6) % 7); week < end; week = week.AddDays(7))
            {
                if (week < buyer.CreatedAt || week < heldUntil || rng.NextDouble() > 0.03)
                    continue;
                var stage = timelines[buyer.Id].Last(s => s.At <= week).Stage;
                var channel = buyer.EmailConsent ? Channel.Email : Channel.Web;
                var eligible = catalog
                    .Where(o =>
                        o.EligibleStages.HasFlag((LifecycleStageSet)(1 << (int)stage))
                        && o.Channels.HasFlag((ChannelSet)(1 << (int)channel))
                        && (o.ValidFrom ?? DateTime.MinValue) <= week
                        && (o.ValidUntil ?? DateTime.MaxValue) > week
                        && (o.EligibleCountries.Count == 0 || o.EligibleCountries.Any(c => c.Country == buyer.Country))
                        && !(o.PerCustomerCap is { } cap && rounds.GetValueOrDefault((buyer.Id, o.Id)).Redeemed >= cap)
                    )
                    .ToList();
                if (eligible.Count == 0)
                    continue;
                var offer = rng.Pick(eligible);
                var assignedAt = week.AddHours(8 + rng.Next(10));
                var expiresAt = assignedAt.AddDays(days);
                var order = buyer.Orders.FirstOrDefault(o => o.At >= assignedAt && o.At < expiresAt);
                var redeem =
                    order.Id != 0
                    && rng.NextDouble() < 0.5
                    && (offer.TotalBudget is not { } budget || offer.BudgetSpent + offer.Cost <= budget);
                var (round, redeemedBefore) = rounds.GetValueOrDefault((buyer.Id, offer.Id));
                rounds[(buyer.Id, offer.Id)] = (round + 1, redeemedBefore + (redeem ? 1 : 0));
                string code;
                do code = Code(rng);
                while (!codes.Add(code));
                assignments.Add(
                    new OfferAssignment
                    {
                        Code = code,
                        OfferId = offer.Id,
                        CustomerId = buyer.Id,
                        Round = round + 1,
                        Channel = channel,
                        AssignedAt = assignedAt,
                        ExpiresAt = expiresAt,
                        Stage = stage,
                        Reason = "demo history: a weekly campaign send",
                        RedeemProbability = 0,
                        ExpectedNetValue = 0,
                        RedeemedAt = redeem ? order.At : null,
                        RedeemedOrderId = redeem ? order.Id : null,
                        CostCharged = redeem ? offer.Cost : null,
                    }
                );
                if (redeem)
                    offer.BudgetSpent += offer.Cost;
                heldUntil = redeem ? order.At.AddDays(offers.Value.CooldownDaysAfterRedemption) : expiresAt;
            }
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (var bulk = new BulkInserter(db))
            bulk.Insert(assignments, readGeneratedKeys: false);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (assignments.Count, assignments.Count(a => a.RedeemedAt is not null));
    }

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static string Code(Random rng) => string.Create(14, rng, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = i is 4 or 9 ? '-' : CodeAlphabet[r.Next(CodeAlphabet.Length)];
        });

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
