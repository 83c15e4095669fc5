using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Personalize.Import;
using Personalize.Tests.Import;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Acquisition;

/// <summary>Acquisition data in: the mutations and the CSV import validate before writing, name the field, and are
/// idempotent.</summary>
public sealed class AcquisitionInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string RecordSpend = """
        mutation($entries: [MarketingSpendInput!]!) {
          recordMarketingSpend(entries: $entries) { spend { channel month amount } errors { __typename message field } }
        }
        """;

    private async Task<JsonElement> SpendAsync(string channel) =>
        (
            await api.DataAsync(
                "query($c: String) { marketingSpend(channel: $c) { channel month amount } }",
                new { c = channel }
            )
        ).GetProperty("marketingSpend");

    [Fact]
    public async Task Re_sending_a_month_replaces_its_amount()
    {
        var first = await api.DataAsync(
            RecordSpend,
            new
            {
                entries = new[]
                {
                    new
                    {
                        channel = "tv",
                        month = "2026-01",
                        amount = 1000,
                    },
                    new
                    {
                        channel = "tv",
                        month = "2026-02",
                        amount = 800,
                    },
                },
            }
        );
        Assert.Empty(first.GetProperty("recordMarketingSpend").GetProperty("errors").EnumerateArray());
        await api.DataAsync(
            RecordSpend,
            new
            {
                entries = new[]
                {
                    new
                    {
                        channel = "tv",
                        month = "2026-01",
                        amount = 1250.5,
                    },
                },
            }
        );
        await api.DataAsync(
            RecordSpend,
            new
            {
                entries = new[]
                {
                    new
                    {
                        channel = "tv",
                        month = "2026-01",
                        amount = 1250.5,
                    },
                },
            }
        );

        var rows = await SpendAsync("tv");
        Assert.Equal(["2026-01", "2026-02"], rows.EnumerateArray().Select(r => r.GetProperty("month").GetString()));
        Assert.Equal([1250.5m, 800m], rows.EnumerateArray().Select(r => r.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task One_bad_entry_writes_nothing_and_each_error_names_its_field()
    {
        var result = await api.DataAsync(
            RecordSpend,
            new
            {
                entries = new object[]
                {
                    new
                    {
                        channel = "radio",
                        month = "2026-01",
                        amount = 10,
                    },
                    new
                    {
                        channel = "Radio Ads",
                        month = "2026-02",
                        amount = 10,
                    },
                    new
                    {
                        channel = "radio",
                        month = "2026-13",
                        amount = 10,
                    },
                    new
                    {
                        channel = "radio",
                        month = "2026-03",
                        amount = -5,
                    },
                    new
                    {
                        channel = "radio",
                        month = "2026-01",
                        amount = 20,
                    },
                },
            }
        );
        var errors = result
            .GetProperty("recordMarketingSpend")
            .GetProperty("errors")
            .EnumerateArray()
            .ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("message").GetString()!);
        Assert.Equal(
            ["input.entries[1].channel", "input.entries[2].month", "input.entries[3].amount", "input.entries[4].month"],
            errors.Keys.Order()
        );
        Assert.Contains("is not a channel", errors["input.entries[1].channel"]);
        Assert.Contains("'2026-13' is not a month as YYYY-MM", errors["input.entries[2].month"]);
        Assert.Contains("cannot be negative", errors["input.entries[3].amount"]);
        Assert.Contains("is also entries[0]", errors["input.entries[4].month"]);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("recordMarketingSpend").GetProperty("spend").ValueKind);
        Assert.Empty((await SpendAsync("radio")).EnumerateArray());
    }

    [Fact]
    public async Task A_customer_acquisition_is_validated_and_replaced()
    {
        await api.CustomerAsync("acq-1");
        const string set =
            "mutation($i: SetCustomerAcquisitionInput!) { setCustomerAcquisition(input: $i) { customer "
            + "{ acquisition { channel campaign } } errors { __typename field message } } }";

        var unknown = (await api.DataAsync(set, new { i = new { customerId = "nobody", channel = "paid-search" } }))
            .GetProperty("setCustomerAcquisition")
            .GetProperty("errors")[0];
        Assert.Equal(
            ("NotFoundError", "input.customerId"),
            (unknown.GetProperty("__typename").GetString(), unknown.GetProperty("field").GetString())
        );
        var bad = (
            await api.DataAsync(
                set,
                new
                {
                    i = new
                    {
                        customerId = "acq-1",
                        channel = "paid search",
                        campaign = new string('x', 129),
                    },
                }
            )
        ).GetProperty("setCustomerAcquisition").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["input.channel", "input.campaign"], bad);

        await api.DataAsync(
            set,
            new
            {
                i = new
                {
                    customerId = "acq-1",
                    channel = "paid-search",
                    campaign = "brand",
                },
            }
        );
        var replaced = await api.DataAsync(set, new { i = new { customerId = "acq-1", channel = "referral" } });
        var acquisition = replaced
            .GetProperty("setCustomerAcquisition")
            .GetProperty("customer")
            .GetProperty("acquisition");
        Assert.Equal("referral", acquisition.GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, acquisition.GetProperty("campaign").ValueKind);
    }

    [Fact]
    public async Task The_spend_import_is_keyed_by_channel_and_month_and_refuses_a_file_with_a_bad_row()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var bad = await db.Importer.ImportFileAsync(
            ImportKind.Spend,
            db.File(
                "spend.csv",
                """
                channel,month,amount
                paid-search,2026-01,300
                paid-search,2026-1,200
                referral,2026-01,abc
                paid-search,2026-01,310
                """
            )
        );
        Assert.False(bad.Committed);
        Assert.Equal(
            [
                "line 3: month: '2026-1' is not a month as YYYY-MM, e.g. '2026-10'",
                "line 4: amount: 'abc' is not a number",
                "line 5: month: 2026-01 of 'paid-search' is also on line 2: give each channel and month once",
            ],
            bad.BadRows.Select(r => r.ToString())
        );
        Assert.Equal(0, await db.QueryAsync(d => d.MarketingSpend.CountAsync()));

        const string good = "channel,month,amount\npaid-search,2026-01,300\nreferral,2026-01,50\n";
        Assert.Equal(2, (await db.Importer.ImportFileAsync(ImportKind.Spend, db.File("good.csv", good))).Imported);
        var again = await db.Importer.ImportFileAsync(ImportKind.Spend, db.File("good.csv", good));
        Assert.Equal((0L, 2L), (again.Imported, again.Skipped));
        var corrected = await db.Importer.ImportFileAsync(
            ImportKind.Spend,
            db.File("fix.csv", "channel,month,amount\npaid-search,2026-01,320\n")
        );
        Assert.Equal(1, corrected.Imported);
        Assert.Equal(
            [320m, 50m],
            await db.QueryAsync(d => d.MarketingSpend.OrderBy(s => s.Channel).Select(s => s.Amount).ToListAsync())
        );
    }

    [Fact]
    public async Task The_customer_import_reads_the_acquisition_columns()
    {
        await using var db = await ImportDatabase.CreateAsync();
        var bad = await db.Importer.ImportFileAsync(
            ImportKind.Customers,
            db.File("c.csv", "customer_id,acquisition_channel\nc1,Paid_Search\n")
        );
        Assert.Contains("acquisition_channel: 'Paid_Search' is not a channel", Assert.Single(bad.BadRows).ToString());

        var summary = await db.Importer.ImportFileAsync(
            ImportKind.Customers,
            db.File(
                "c.csv",
                """
                customer_id,acquisition_channel,acquisition_campaign
                c1,paid-search,"Spring sale, 2026"
                c2,,
                """
            )
        );
        Assert.True(summary.Committed);
        var rows = await db.QueryAsync(d =>
            d.Customers.OrderBy(c => c.ExternalId)
                .Select(c => new { c.AcquisitionChannel, c.AcquisitionCampaign })
                .ToListAsync()
        );
        Assert.Equal(("paid-search", "Spring sale, 2026"), (rows[0].AcquisitionChannel, rows[0].AcquisitionCampaign));
        Assert.Null(rows[1].AcquisitionChannel);
    }
}
