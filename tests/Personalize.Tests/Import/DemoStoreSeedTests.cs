using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Common;
using Personalize.Seeding;

namespace Personalize.Tests.Import;

public sealed class DemoStoreSeedTests
{
    private static Dictionary<string, string?> Settings(int customers) =>
        new()
        {
            ["Seed:AnchorDate"] = "2026-06-30",
            ["Seed:Customers"] = customers.ToString(),
            ["Seed:Directory"] = SeedDirectory(),
        };

    /// <summary>The repository's seed/ folder (also copied next to the Api's binaries).</summary>
    private static string SeedDirectory()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "seed");
        if (File.Exists(Path.Combine(copied, "content.csv")))
            return copied;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "seed", "content.csv")))
                return Path.Combine(dir.FullName, "seed");
        throw new DirectoryNotFoundException("seed/ not found");
    }

    [Fact]
    public async Task The_demo_store_has_the_catalog_and_a_believable_history()
    {
        await using var db = await ImportDatabase.CreateAsync(Settings(5000));
        var seeder = db.Services.GetRequiredService<DemoStoreSeeder>();

        var summary = await seeder.SeedAsync();

        Assert.Equal(5000, summary.Created("customers"));
        Assert.Equal(300, await db.QueryAsync(d => d.ContentItems.CountAsync()));
        Assert.Equal(8, await db.QueryAsync(d => d.ContentItems.Select(c => c.Kind).Distinct().CountAsync()));
        Assert.Equal(25, await db.QueryAsync(d => d.Offers.CountAsync()));
        Assert.Equal(8, Enum.GetValues<Offers.RewardType>().Length);
        Assert.Equal(8, await db.QueryAsync(d => d.Offers.Select(o => o.RewardType).Distinct().CountAsync()));
        Assert.Equal(8, await db.QueryAsync(d => d.Segments.CountAsync()));
        Assert.InRange(summary.Created("orders"), 40_000, 60_000);
        Assert.InRange(summary.Created("interactions"), 80_000, 130_000);
        Assert.InRange(summary.Created("survey responses"), 2_000, 6_000);
        var stages = await db.QueryAsync(d =>
            d.Customers.GroupBy(c => c.Stage)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count)
        );
        Assert.All(Enum.GetValues<LifecycleStage>(), stage =>
            Assert.True(stages.GetValueOrDefault(stage) >= 100, $"{stage}: {stages.GetValueOrDefault(stage)}")
        );

        // Believable on its anchor date: one line per product in an order, codes that live the usual 14 days, no
        // campaign still running past its season.
        Assert.Equal(
            0,
            await db.QueryAsync(d =>
                d.OrderLines.GroupBy(l => new { l.OrderId, l.ProductId }).CountAsync(g => g.Count() > 1)
            )
        );
        var validity = await db.QueryAsync(d =>
            d.OfferAssignments.Select(a => new
                {
                    a.Code,
                    a.AssignedAt,
                    a.ExpiresAt,
                })
                .ToListAsync()
        );
        Assert.All(validity, a =>
            Assert.True(
                (a.ExpiresAt - a.AssignedAt).TotalDays <= 14,
                $"{a.Code} lives from {a.AssignedAt} to {a.ExpiresAt}"
            )
        );
        Assert.Contains(validity, a => a.Code == DemoStoreSeeder.DemoCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync());
    }

    [Fact]
    public async Task The_same_anchor_date_gives_the_same_data()
    {
        var first = await SeedChecksumAsync();
        var second = await SeedChecksumAsync();

        Assert.Equal(first, second);
    }

    private static async Task<string> SeedChecksumAsync()
    {
        await using var db = await ImportDatabase.CreateAsync(Settings(400));
        await db.Services.GetRequiredService<DemoStoreSeeder>().SeedAsync();
        var orders = await db.QueryAsync(d =>
            d.Orders.OrderBy(o => o.ExternalId)
                .Select(o => o.ExternalId + o.Customer.ExternalId + o.OrderedAt.Ticks + ":" + o.Amount)
                .ToListAsync()
        );
        var interactions = await db.QueryAsync(d =>
            d.Interactions.OrderBy(i => i.IdempotencyKey).Select(i => i.IdempotencyKey).ToListAsync()
        );
        return Convert.ToHexString(
            System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(string.Join('\n', orders.Concat(interactions!)))
            )
        );
    }
}
