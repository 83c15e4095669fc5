using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Events;
using Personalize.Lifecycle;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Events;

/// <summary>What writes events, read back from the outbox: changes by writes, changes time makes, erasure.</summary>
public sealed class EventSourceTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    private async Task<List<CustomerEvent>> EventsAsync(CustomerEventType? type = null)
    {
        await using var db = await _api
            .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
            .CreateDbContextAsync();
        return await db.CustomerEvents.Where(e => type == null || e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task A_stage_change_by_a_write_and_one_by_the_passing_of_time_are_each_announced_once()
    {
        var ordered = DateTime.UtcNow.AddDays(-1);
        await _api.OrderAsync("s-1", "s-1-a", ordered, 50m);

        var first = Assert.Single(await EventsAsync(CustomerEventType.StageChanged));
        var data = JsonDocument.Parse(first.Data).RootElement;
        Assert.Equal(("PROSPECT", "NEW"), (data.GetProperty("from").GetString(), data.GetProperty("to").GetString()));
        Assert.Equal(1, data.GetProperty("orderCount").GetInt32());

        // A year of silence, judged by the refresh: one more change; judged again, nothing new.
        var refresher = _api.Services.GetRequiredService<CustomerSummaryRefresher>();
        Assert.Equal(1, await refresher.RefreshStagesAsync(ordered.AddDays(400)));
        Assert.Equal(0, await refresher.RefreshStagesAsync(ordered.AddDays(401)));

        var changes = await EventsAsync(CustomerEventType.StageChanged);
        Assert.Equal(2, changes.Count);
        var later = JsonDocument.Parse(changes[1].Data).RootElement;
        Assert.Equal("NEW", later.GetProperty("from").GetString());
        Assert.Equal("LAPSED", later.GetProperty("to").GetString());
        Assert.Equal(400, later.GetProperty("daysSinceLastOrder").GetInt32());
        Assert.Equal(changes.Select((_, i) => (long)i + 1), changes.Select(c => c.Sequence));
    }

    [Fact]
    public async Task An_abandoned_cart_and_an_expiring_code_are_found_by_the_scan_once()
    {
        await _api.DataAsync(
            """mutation { createContentItem(input: { id: "boots", kind: PRODUCT, title: "Boots", status: PUBLISHED }) { errors { message } } }"""
        );
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2).ToString("O");
        var anHourAgo = DateTime.UtcNow.AddHours(-1).ToString("O");
        await _api.DataAsync(
            $$"""
            mutation {
              a: trackInteraction(input: { customerId: "cart-1", itemId: "boots", kind: ADD_TO_CART, occurredAt: "{{twoHoursAgo}}" }) { errors { message } }
              b: trackInteraction(input: { customerId: "cart-2", itemId: "boots", kind: ADD_TO_CART, occurredAt: "{{twoHoursAgo}}" }) { errors { message } }
              c: trackInteraction(input: { customerId: "cart-2", itemId: "boots", kind: PURCHASE, occurredAt: "{{anHourAgo}}" }) { errors { message } }
            }
            """
        );
        var scanner = _api.Services.GetRequiredService<TimeEventScanner>();

        Assert.Equal(1, await scanner.ScanAsync(default));
        Assert.Equal(0, await scanner.ScanAsync(default));

        var cart = Assert.Single(await EventsAsync(CustomerEventType.CartAbandoned));
        Assert.Equal("boots", JsonDocument.Parse(cart.Data).RootElement.GetProperty("item").GetString());
        var customers = await _api
            .Services.GetRequiredService<CustomerQueries>()
            .ExternalIdsAsync([cart.CustomerId], default);
        Assert.Equal("cart-1", customers[cart.CustomerId]);
    }

    [Fact]
    public async Task Entering_and_leaving_a_tracked_segment_are_announced_once_each_and_a_quick_return_within_the_cooldown_is_not()
    {
        await _api.DataAsync(
            """mutation { createSegment(input: { id: "big-spenders", name: "Big spenders", rule: { totalSpent: { gte: 100 } }, tracked: true, reentryCooldownHours: 24 }) { errors { message } } }"""
        );
        await _api.OrderAsync("seg-1", "seg-1-a", DateTime.UtcNow.AddDays(-2), 150m);
        var scanner = _api.Services.GetRequiredService<TimeEventScanner>();

        Assert.Equal(1, await scanner.ScanAsync(default));
        Assert.Equal(0, await scanner.ScanAsync(default));
        await _api.DataAsync(
            """mutation { updateSegment(input: { id: "big-spenders", rule: { totalSpent: { gte: 1000 } } }) { errors { message } } }"""
        );
        Assert.Equal(1, await scanner.ScanAsync(default)); // left
        await _api.DataAsync(
            """mutation { updateSegment(input: { id: "big-spenders", rule: { totalSpent: { gte: 100 } } }) { errors { message } } }"""
        );
        Assert.Equal(0, await scanner.ScanAsync(default)); // back within the cooldown: a member, not a new entry

        var types = (await EventsAsync())
            .Where(e => e.Type is CustomerEventType.SegmentEntered or CustomerEventType.SegmentLeft)
            .Select(e => e.Type);
        Assert.Equal([CustomerEventType.SegmentEntered, CustomerEventType.SegmentLeft], types);
        var segment = await _api.DataAsync("""{ segment(id: "big-spenders") { tracked reentryCooldownHours } }""");
        Assert.Equal(24, segment.GetProperty("segment").GetProperty("reentryCooldownHours").GetInt32());
    }

    [Fact]
    public async Task A_loyalty_tier_change_is_announced_once_going_up_and_once_coming_down_as_spend_ages()
    {
        await _api.OrderAsync("tier-1", "tier-1-a", DateTime.UtcNow.AddDays(-2), 600m); // SILVER from 500
        var scanner = _api.Services.GetRequiredService<TimeEventScanner>();

        Assert.Equal(1, await scanner.ScanAsync(default));
        Assert.Equal(0, await scanner.ScanAsync(default));
        await using (
            var db = await _api
                .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
            // the spend leaves the window
            await db.Orders.ExecuteUpdateAsync(s => s.SetProperty(o => o.OrderedAt, DateTime.UtcNow.AddMonths(-13)));
        Assert.Equal(1, await scanner.ScanAsync(default));

        var moves = (await EventsAsync(CustomerEventType.TierChanged))
            .Select(e => JsonDocument.Parse(e.Data).RootElement)
            .Select(d => (d.GetProperty("from").GetString(), d.GetProperty("to").GetString()))
            .ToList();
        Assert.Equal([("MEMBER", "SILVER"), ("SILVER", "MEMBER")], moves);
    }

    [Fact]
    public async Task Points_about_to_expire_unused_are_announced_once_with_how_many()
    {
        // 80 points, expiring in 3 days
        await _api.OrderAsync("points-1", "points-1-a", DateTime.UtcNow.AddMonths(-24).AddDays(3), 80m);
        var scanner = _api.Services.GetRequiredService<TimeEventScanner>();

        Assert.Equal(1, await scanner.ScanAsync(default));
        Assert.Equal(0, await scanner.ScanAsync(default));

        var data = JsonDocument
            .Parse(Assert.Single(await EventsAsync(CustomerEventType.PointsExpiring)).Data)
            .RootElement;
        Assert.Equal(80, data.GetProperty("points").GetInt32());
        Assert.Equal(0, data.GetProperty("balanceAfter").GetInt32());
    }

    [Fact]
    public async Task Events_past_their_retention_are_deleted_by_the_scan()
    {
        await _api.DataAsync(
            """mutation { upsertCustomer(input: { id: "old-1", consentEmailMarketing: true }) { errors { message } } }"""
        );
        await _api.DataAsync(
            """mutation { upsertCustomer(input: { id: "new-1", consentEmailMarketing: true }) { errors { message } } }"""
        );
        await using (
            var db = await _api
                .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
            await db
                .CustomerEvents.Where(e => db.Customers.Any(c => c.Id == e.CustomerId && c.ExternalId == "old-1"))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.OccurredAt, DateTime.UtcNow.AddDays(-31)));

        await _api.Services.GetRequiredService<TimeEventScanner>().ScanAsync(default);

        var left = Assert.Single(await EventsAsync());
        var ids = await _api
            .Services.GetRequiredService<CustomerQueries>()
            .ExternalIdsAsync([left.CustomerId], default);
        Assert.Equal("new-1", ids[left.CustomerId]);
    }

    [Fact]
    public async Task Erasure_removes_the_customers_events_and_leaves_one_with_the_anonymous_id_only()
    {
        await _api.DataAsync(
            """mutation { upsertCustomer(input: { id: "gone-1", consentEmailMarketing: true }) { errors { message } } }"""
        );
        await _api.DataAsync(
            """mutation { setConsent(input: { customerId: "gone-1", emailMarketing: false }) { errors { message } } }"""
        );
        Assert.Equal(2, (await EventsAsync(CustomerEventType.ConsentChanged)).Count);

        var erased = await _api.DataAsync(
            """mutation { eraseCustomer(id: "gone-1") { erasure { anonymousId } errors { message } } }"""
        );
        var anonymousId = erased
            .GetProperty("eraseCustomer")
            .GetProperty("erasure")
            .GetProperty("anonymousId")
            .GetString();

        var events = await EventsAsync();
        var only = Assert.Single(events);
        Assert.Equal(CustomerEventType.CustomerErased, only.Type);
        Assert.Equal(anonymousId, JsonDocument.Parse(only.Data).RootElement.GetProperty("anonymousId").GetString());
        Assert.Equal(3, only.Sequence);
        var listed = await _api.DataAsync("""{ customerEvents { type customerId } }""");
        Assert.Equal(anonymousId, listed.GetProperty("customerEvents")[0].GetProperty("customerId").GetString());
    }
}
