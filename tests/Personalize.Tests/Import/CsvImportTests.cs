using Microsoft.EntityFrameworkCore;
using Personalize.Import;
using Personalize.Interactions;

namespace Personalize.Tests.Import;

public sealed class CsvImportTests
{
    private const string Customers = """
        customer_id,email,name,country,locale,created_at,consent_personalization,consent_email_marketing
        c1,ann@example.com,Ann,fr,fr-FR,2024-01-02T10:00:00Z,true,false
        c2,not-an-email,Bob,DE,de-DE,2024-01-03,yes,no
        c3,cy@example.com,Cy,GB,en-GB,2024-01-04T09:00:00+01:00,1,1
        """;

    private const string Orders = """
        customer_id,order_id,ordered_at,amount,currency,margin,product_id,product_name,quantity,unit_price
        c1,o1,2024-02-01T10:00:00Z,30.00,EUR,,p1,Tent,1,20.00
        c1,o1,2024-02-01T10:00:00Z,,,,p2,Pegs,2,5.00
        c9,o2,2024-01-15T08:00:00Z,abc,EUR,,,,,
        c9,o3,2024-01-10T08:00:00Z,12.50,eur,,,,,
        c8,o4,2024-03-01T08:00:00Z,,,,p1,Tent,1,20.00
        """;

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_reports_the_line_and_reason()
    {
        await using var db = await ImportDatabase.CreateAsync();

        var summary = await db.Importer.ImportFileAsync(ImportKind.Customers, db.File("customers.csv", Customers));

        Assert.False(summary.Committed);
        Assert.Equal(1, summary.Bad);
        Assert.Equal(
            "line 3: email: 'not-an-email' is not an email address",
            Assert.Single(summary.BadRows).ToString()
        );
        Assert.Equal(0, await db.QueryAsync(d => d.Customers.CountAsync()));
        Assert.StartsWith("Refused customers: 3 rows read, 0 imported", summary.ToString());
    }

    [Fact]
    public async Task A_number_that_is_not_one_is_reported_with_its_column()
    {
        await using var db = await ImportDatabase.CreateAsync();

        var summary = await db.Importer.ImportFileAsync(ImportKind.Orders, db.File("orders.csv", Orders));

        Assert.False(summary.Committed);
        Assert.Equal("line 4: amount: 'abc' is not a number", Assert.Single(summary.BadRows).ToString());
        Assert.Equal(0, await db.QueryAsync(d => d.Orders.CountAsync()));
        Assert.Equal(0, await db.QueryAsync(d => d.Customers.CountAsync()));
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_and_counts_the_bad()
    {
        await using var db = await ImportDatabase.CreateAsync();

        var summary = await db.Importer.ImportFileAsync(
            ImportKind.Customers,
            db.File("customers.csv", Customers),
            new ImportOptions { SkipInvalid = true }
        );

        Assert.True(summary.Committed);
        Assert.Equal((3, 2, 1), (summary.RowsRead, summary.Imported, summary.Bad));
        var customers = await db.QueryAsync(d => d.Customers.OrderBy(c => c.ExternalId).ToListAsync());
        Assert.Equal(["c1", "c3"], customers.Select(c => c.ExternalId));
        Assert.Equal("FR", customers[0].Country);
        Assert.True(customers[0].ConsentPersonalization);
        Assert.Equal(new DateTime(2024, 1, 4, 8, 0, 0, DateTimeKind.Utc), customers[1].CreatedAt);
    }

    [Fact]
    public async Task Orders_group_lines_create_unknown_customers_and_reimport_changes_nothing()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var path = db.File("orders.csv", Orders);
        var options = new ImportOptions { SkipInvalid = true };

        var first = await db.Importer.ImportFileAsync(ImportKind.Orders, path, options);
        var second = await db.Importer.ImportFileAsync(ImportKind.Orders, path, options);

        Assert.Equal((5, 4, 1), (first.RowsRead, first.Imported, first.Bad));
        Assert.Equal(3, first.CreatedOf("orders"));
        Assert.Equal(3, first.CreatedOf("customers")); // c1, c9, c8
        Assert.Equal((0, 4, 0L), (second.Imported, second.SkippedOf("duplicates"), second.CreatedOf("customers")));
        var orders = await db.QueryAsync(d =>
            d.Orders.Include(o => o.Lines).Include(o => o.Customer).OrderBy(o => o.ExternalId).ToListAsync()
        );
        Assert.Equal(["o1", "o3", "o4"], orders.Select(o => o.ExternalId));
        Assert.Equal(30.00m, orders[0].Amount);
        Assert.Equal(2, orders[0].Lines.Count);
        Assert.Equal(20.00m, orders[2].Amount); // no amount given: the sum of the lines
        Assert.Equal("EUR", orders[1].Currency);
        Assert.All(orders, o => Assert.Equal("default", o.Source));
        // c9 first appears in the file at its (bad) 2024-01-15 row, but only valid rows count: its first order is
        // 2024-01-10.
        var c9 = orders[1].Customer;
        Assert.Equal(new DateTime(2024, 1, 10, 8, 0, 0, DateTimeKind.Utc), c9.FirstSeenAt);
        Assert.Equal(1, c9.OrderCount);
        Assert.Equal(12.50m, c9.TotalSpent);
    }

    [Fact]
    public async Task Strict_makes_an_unknown_customer_a_bad_row()
    {
        await using var db = await ImportDatabase.CreateAsync();
        await db.Importer.ImportFileAsync(
            ImportKind.Customers,
            db.File("customers.csv", Customers),
            new ImportOptions { SkipInvalid = true }
        );

        var summary = await db.Importer.ImportFileAsync(
            ImportKind.Orders,
            db.File("orders.csv", Orders),
            new ImportOptions { Strict = true, SkipInvalid = true }
        );

        Assert.Equal(2, summary.Imported);
        Assert.Contains(summary.BadRows, b => b.ToString() == "line 5: customer_id: unknown customer 'c9' (--strict)");
        Assert.Contains(summary.BadRows, b => b.ToString() == "line 6: customer_id: unknown customer 'c8' (--strict)");
        Assert.Equal(0, summary.CreatedOf("customers"));
        Assert.Equal(2, await db.QueryAsync(d => d.Customers.CountAsync()));
    }

    [Fact]
    public async Task Orders_keep_their_source_so_the_same_order_id_from_two_sources_is_two_orders()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var path = db.File("orders.csv", "customer_id,order_id,ordered_at,amount\nc1,o1,2024-02-01,10\n");

        await db.Importer.ImportFileAsync(ImportKind.Orders, path);
        var other = await db.Importer.ImportFileAsync(ImportKind.Orders, path, new ImportOptions { Source = "shop-b" });

        Assert.Equal(1, other.Imported);
        Assert.Equal(2, await db.QueryAsync(d => d.Orders.CountAsync()));
    }

    [Fact]
    public async Task Interactions_refer_to_content_by_slug_and_are_stored_once()
    {
        await using var db = await ImportDatabase.CreateAsync();
        await db.Importer.ImportFileAsync(
            ImportKind.Content,
            db.File(
                "content.csv",
                """
                slug,kind,title,summary,url,image_url,tags,target_stages,channels,locale,publish_from,publish_until,status
                trail-guide,guide,Trail guide,,https://example.com/a,,hiking|Beginner,new|at_risk,web|email,en-GB,2024-01-01,,published
                """
            )
        );
        var path = db.File(
            "interactions.csv",
            """
            customer_id,item_id,kind,occurred_at,weight
            c1,trail-guide,view,2024-03-01T10:00:00Z,
            c1,trail-guide,add_to_cart,2024-03-01T10:05:00Z,2
            c1,no-such-item,view,2024-03-01T10:00:00Z,
            c1,trail-guide,view,2024-03-01T10:00:00Z,
            """
        );

        var refused = await db.Importer.ImportFileAsync(ImportKind.Interactions, path);
        var first = await db.Importer.ImportFileAsync(
            ImportKind.Interactions,
            path,
            new ImportOptions { SkipInvalid = true }
        );
        var again = await db.Importer.ImportFileAsync(
            ImportKind.Interactions,
            path,
            new ImportOptions { SkipInvalid = true }
        );

        Assert.False(refused.Committed);
        Assert.Equal("line 4: item_id: unknown content item 'no-such-item'", Assert.Single(refused.BadRows).ToString());
        Assert.Equal((2, 1, 1L), (first.Imported, first.Skipped, first.SkippedOf("duplicates")));
        Assert.Equal((0, 3), (again.Imported, again.Skipped));
        var interactions = await db.QueryAsync(d => d.Interactions.OrderBy(i => i.OccurredAt).ToListAsync());
        Assert.Equal([InteractionKind.View, InteractionKind.AddToCart], interactions.Select(i => i.Kind));
        var item = await db.QueryAsync(d => d.ContentItems.Include(c => c.Tags).SingleAsync());
        Assert.Equal(["beginner", "hiking"], item.Tags.Select(t => t.Tag).Order());
        Assert.Equal(Common.LifecycleStageSet.New | Common.LifecycleStageSet.AtRisk, item.TargetStages);
        Assert.Equal(Common.ChannelSet.Web | Common.ChannelSet.Email, item.Channels);
    }

    [Fact]
    public async Task Catalog_reimport_is_unchanged_and_an_edit_updates_in_place()
    {
        await using var db = await ImportDatabase.CreateAsync();
        const string offers = """
            code,title,description,reward_type,reward_value,cost,eligible_stages,min_clv,max_clv,countries,channels,valid_from,valid_until,total_budget,per_customer_cap,status
            save20,Save 20%,,percent_off,20,12,at_risk,,,fr|de,email,2024-01-01,,1000,1,active
            """;
        var created = await db.Importer.ImportFileAsync(ImportKind.Offers, db.File("offers.csv", offers));
        var unchanged = await db.Importer.ImportFileAsync(ImportKind.Offers, db.File("offers.csv", offers));
        var edited = await db.Importer.ImportFileAsync(
            ImportKind.Offers,
            db.File("offers.csv", offers.Replace("fr|de", "fr|es"))
        );

        Assert.Equal((1L, 1L), (created.Imported, created.CreatedOf("offers")));
        Assert.Equal((0L, 1L), (unchanged.Imported, unchanged.SkippedOf("unchanged")));
        Assert.Equal((1L, 0L), (edited.Imported, edited.CreatedOf("offers")));
        var offer = await db.QueryAsync(d => d.Offers.Include(o => o.EligibleCountries).SingleAsync());
        Assert.Equal("SAVE20", offer.Code);
        Assert.Equal(["ES", "FR"], offer.EligibleCountries.Select(c => c.Country).Order());
    }

    [Fact]
    public async Task A_created_customer_is_first_seen_at_its_earliest_row_even_in_a_later_batch()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var path = db.File(
            "orders.csv",
            """
            customer_id,order_id,ordered_at,amount
            c1,o1,2024-05-01,10
            c1,o2,2024-02-01,10
            c1,o1,2024-05-01,10
            """
        );

        var summary = await db.Importer.ImportFileAsync(
            ImportKind.Orders,
            path,
            new ImportOptions { BatchSize = 1, SkipInvalid = true }
        );

        Assert.Equal(
            "line 4: order_id: the lines of order 'o1' must be consecutive rows (it appeared earlier in the file)",
            Assert.Single(summary.BadRows).ToString()
        );
        var customer = await db.QueryAsync(d => d.Customers.SingleAsync());
        Assert.Equal(new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), customer.FirstSeenAt);
        Assert.Equal(customer.FirstSeenAt, customer.CreatedAt);
        Assert.Equal(2, customer.OrderCount);
    }
}
