using Microsoft.EntityFrameworkCore;
using Personalize.Tests.Import;

namespace Personalize.Tests.Lifetime.Backtest;

public sealed class CdnowPresetTests
{
    [Fact]
    public async Task Master_format_with_its_header_imports_one_order_per_row()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var file = db.File(
            "master.txt",
            """
             customer_id  date number_of_cds  dollar_value
             00001 19970101  1   11.77
             00002 19970112  1   12.00
             00002 19970112  5   77.00
             00002 19970112  5   77.00
             00455 19970102  1    0.00
            """
        );

        var summary = await db.Importer.ImportCdnowAsync(file);

        Assert.True(summary.Committed, string.Join("; ", summary.BadRows));
        Assert.Equal((6, 5, 1, 0), (summary.RowsRead, summary.Imported, summary.Skipped, summary.Bad));
        Assert.Equal(1, summary.SkippedOf("header line"));
        Assert.Equal(3, summary.CreatedOf("customers"));
        var orders = await db.QueryAsync(d => d.Orders.Include(o => o.Customer).OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(
            ["1-19970101-1", "2-19970112-1", "2-19970112-2", "2-19970112-3", "455-19970102-1"],
            orders.Select(o => o.ExternalId)
        );
        Assert.All(orders, o => Assert.Equal(("cdnow", "USD"), (o.Source, o.Currency)));
        Assert.Equal(["1", "2", "2", "2", "455"], orders.Select(o => o.Customer.ExternalId));
        Assert.Equal([11.77m, 12.00m, 77.00m, 77.00m, 0m], orders.Select(o => o.Amount));
        Assert.Equal(new DateTime(1997, 1, 12, 0, 0, 0, DateTimeKind.Utc), orders[1].OrderedAt);
    }

    [Fact]
    public async Task Sample_and_master_name_the_same_orders_alike()
    {
        await using var db = await ImportDatabase.CreateAsync();
        await db.Importer.ImportCdnowAsync(
            db.File("sample.txt", " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n")
        );

        var master = await db.Importer.ImportCdnowAsync(
            db.File(
                "master.txt",
                " 00004 19970101  2   29.33\n 00004 19970118  2   29.73\n 00005 19970101  1   10.00\n"
            )
        );

        Assert.Equal((1, 2), (master.Imported, master.SkippedOf("duplicates")));
        Assert.Equal(3, await db.QueryAsync(d => d.Orders.CountAsync()));
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_numbers()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var file = db.File(
            "bad.txt",
            """
             00001 19970101  1   11.77
             0000X 19970101  1   11.77
             00002 19971332  1   11.77
             00003 19970101  1
             00004 19970101  1   -1.00
             00005 19970101  x   1.00

             00006 0001 19970101  1   1.00 extra
             00007 19970101  1   abc
            """
        );

        var summary = await db.Importer.ImportCdnowAsync(file);

        Assert.False(summary.Committed);
        Assert.Equal(
            [
                "line 2: customer id: '0000X' is not a number",
                "line 3: date: '19971332' is not a date yyyymmdd",
                "line 4: expected 4 fields (customer id, date, number of CDs, dollar value) or 5 (with the sample id), "
                    + "found 3",
                "line 5: dollar value: -1.00 is negative",
                "line 6: number of CDs: 'x' is not a whole number ≥ 0",
                "line 8: expected 4 fields (customer id, date, number of CDs, dollar value) or 5 (with the sample id), "
                    + "found more than 5",
                "line 9: dollar value: 'abc' is not a number",
            ],
            summary.BadRows.Select(b => b.ToString())
        );
        Assert.Equal(0, await db.QueryAsync(d => d.Orders.CountAsync()));
    }
}
