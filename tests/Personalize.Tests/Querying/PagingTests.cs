using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Data;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Querying;

public sealed class PagingTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public async Task InitializeAsync()
    {
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var c = 0; c < 30; c++)
        {
            await _factory.CustomerAsync($"p{c:00}");
            // Spend repeats every 5 customers, so the sort has ties the id must break; a third never ordered (NULL
            // lastOrderAt).
            if (c % 3 != 0)
                await _factory.OrderAsync($"p{c:00}", $"o{c}", start.AddDays(c), 10m * (c % 5));
        }
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(
        List<string> Ids,
        string? EndCursor,
        string? StartCursor,
        bool HasNext,
        bool HasPrevious
    )> PageAsync(string args)
    {
        var data = await _factory.DataAsync(
            $$"""{ customers({{args}}) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
        );
        var connection = data.GetProperty("customers");
        var info = connection.GetProperty("pageInfo");
        return (
            connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList(),
            info.GetProperty("endCursor").GetString(),
            info.GetProperty("startCursor").GetString(),
            info.GetProperty("hasNextPage").GetBoolean(),
            info.GetProperty("hasPreviousPage").GetBoolean()
        );
    }

    [Theory]
    [InlineData("order: [{ totalSpent: DESC }]")]
    [InlineData("order: [{ lastOrderAt: ASC }]")]
    [InlineData("order: [{ lastOrderAt: DESC }, { id: ASC }]")]
    [InlineData("order: [{ lifecycleStage: ASC }, { email: DESC }]")]
    public async Task Walking_forward_visits_every_row_once_in_the_same_order_as_one_big_page(string order)
    {
        var all = (await PageAsync($"first: 100, {order}")).Ids;
        var walked = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = await PageAsync($"first: 7, {order}" + (cursor is null ? "" : $", after: \"{cursor}\""));
            walked.AddRange(page.Ids);
            Assert.Equal(cursor is not null, page.HasPrevious);
            if (!page.HasNext)
                break;
            cursor = page.EndCursor;
        }
        Assert.Equal(30, all.Count);
        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task Walking_backward_from_the_end_gives_the_same_rows()
    {
        const string order = "order: [{ totalSpent: ASC }]";
        var all = (await PageAsync($"first: 100, {order}")).Ids;
        var walked = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = await PageAsync($"last: 8, {order}" + (cursor is null ? "" : $", before: \"{cursor}\""));
            walked.InsertRange(0, page.Ids);
            if (!page.HasPrevious)
                break;
            cursor = page.StartCursor;
        }
        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task Rows_inserted_or_deleted_between_pages_make_no_page_repeat_or_skip_a_row()
    {
        const string order = "order: [{ id: ASC }]";
        var first = await PageAsync($"first: 10, {order}");
        Assert.Equal("p09", first.Ids[^1]);

        await _factory.CustomerAsync("p00a"); // sorts inside the page already read
        await _factory.CustomerAsync("p05b");
        await _factory.DataAsync("""mutation { upsertCustomer(input: { id: "zz-late" }) { errors { message } } }""");
        await using (
            var db = await _factory
                .Services.GetRequiredService<IDbContextFactory<PersonalizeDbContext>>()
                .CreateDbContextAsync()
        )
            // the cursor's own row, and one ahead
            await db.Customers.Where(c => c.ExternalId == "p09" || c.ExternalId == "p12").ExecuteDeleteAsync();

        var second = await PageAsync($"first: 10, {order}, after: \"{first.EndCursor}\"");
        Assert.Equal(new[] { 10, 11, 13, 14, 15, 16, 17, 18, 19, 20 }.Select(i => $"p{i:00}"), second.Ids);
    }

    [Fact]
    public async Task A_cursor_from_another_order_or_a_forged_cursor_is_refused_clearly()
    {
        var page = await PageAsync("first: 5, order: [{ id: ASC }]");
        var wrongOrder = await _factory.GraphQLAsync(
            $$"""{ customers(first: 5, order: [{ totalSpent: ASC }], after: "{{page.EndCursor}}") { nodes { id } } }"""
        );
        Assert.Contains(
            "after: this cursor belongs to another order",
            wrongOrder.GetProperty("errors")[0].GetProperty("message").GetString()
        );

        var forged = await _factory.GraphQLAsync("""{ customers(first: 5, after: "not-a-cursor") { nodes { id } } }""");
        Assert.Equal(
            "after: not a cursor this API issued.",
            forged.GetProperty("errors")[0].GetProperty("message").GetString()
        );
        Assert.Equal(
            "INVALID_ARGUMENT",
            forged.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()
        );
    }

    [Fact]
    public async Task Page_size_is_limited_and_first_with_last_is_refused()
    {
        var tooMany = await _factory.GraphQLAsync("{ customers(first: 5001) { nodes { id } } }");
        Assert.Equal(
            "first: at most 5000 rows per page; got 5001.",
            tooMany.GetProperty("errors")[0].GetProperty("message").GetString()
        );
        var both = await _factory.GraphQLAsync("{ customers(first: 1, last: 1) { nodes { id } } }");
        Assert.StartsWith("last: use either first", both.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Total_count_counts_the_filtered_list_and_is_only_queried_when_selected()
    {
        var before = _factory.SqlStatements;
        await _factory.DataAsync("{ customers(first: 2) { nodes { id } } }");
        var withoutCount = _factory.SqlStatements - before;

        before = _factory.SqlStatements;
        var data = await _factory.DataAsync(
            "{ customers(first: 2, where: { orderCount: { gte: 1 } }) { totalCount nodes { id } } }"
        );
        var withCount = _factory.SqlStatements - before;

        Assert.Equal(20, data.GetProperty("customers").GetProperty("totalCount").GetInt32());
        Assert.Equal(withoutCount + 1, withCount);
    }
}
