using Microsoft.EntityFrameworkCore;
using Personalize.Content;
using Personalize.Interactions;

namespace Personalize.Tests.Import;

public sealed class OnlineRetailPresetTests
{
    private static readonly string Excerpt = Path.Combine(
        AppContext.BaseDirectory,
        "TestData",
        "online-retail",
        "online_retail_excerpt.csv"
    );

    [Fact]
    public async Task The_excerpt_imports_with_every_oddity_counted()
    {
        await using var db = await ImportDatabase.CreateAsync();

        var summary = await db.Importer.ImportOnlineRetailAsync(Excerpt);

        Assert.True(summary.Committed);
        Assert.Equal(333, summary.RowsRead);
        Assert.Equal(24, summary.SkippedOf("cancellations"));
        Assert.Equal(12, summary.SkippedOf("without customer id"));
        Assert.Equal(13, summary.SkippedOf("non-product codes"));
        Assert.Equal(3, summary.SkippedOf("non-positive quantity or price"));
        Assert.Equal(1, summary.SkippedOf("duplicate lines"));
        Assert.Equal((280, 53, 0), (summary.Imported, summary.Skipped, summary.Bad));
        Assert.Equal(28, summary.CreatedOf("orders"));
        Assert.Equal(20, summary.CreatedOf("customers"));
        Assert.Equal(220, summary.CreatedOf("content items"));
        Assert.Equal(280, summary.CreatedOf("interactions"));

        Assert.Equal(12140.61m, Math.Round(await db.QueryAsync(d => d.Orders.SumAsync(o => o.Amount)), 2));
        Assert.Equal(
            28,
            await db.QueryAsync(d => d.Orders.CountAsync(o => o.Source == "online-retail" && o.Currency == "GBP"))
        );
        var customer = await db.QueryAsync(d => d.Customers.SingleAsync(c => c.ExternalId == "17850"));
        Assert.Equal("GB", customer.Country);
        var product = await db.QueryAsync(d => d.ContentItems.SingleAsync(c => c.Slug == "product-85123a"));
        Assert.Equal(
            (ContentKind.Product, ContentStatus.Published, "White hanging heart t-light holder"),
            (product.Kind, product.Status, product.Title)
        );
        Assert.Equal(280, await db.QueryAsync(d => d.Interactions.CountAsync(i => i.Kind == InteractionKind.Purchase)));
    }

    [Fact]
    public async Task Importing_the_excerpt_again_changes_nothing()
    {
        await using var db = await ImportDatabase.CreateAsync();
        await db.Importer.ImportOnlineRetailAsync(Excerpt);

        var again = await db.Importer.ImportOnlineRetailAsync(Excerpt);

        Assert.Equal((0, 280), (again.Imported, again.SkippedOf("duplicates")));
        Assert.Empty(again.Created);
        Assert.Equal(280, await db.QueryAsync(d => d.Interactions.CountAsync()));
    }
}
