using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Schema;

/// <summary>Every DateTime the API writes has one shape, UTC to the second, whatever its source; input takes any ISO
/// 8601 time.</summary>
public sealed class DateTimeFormatTests
{
    [Fact]
    public async Task Times_from_the_clock_and_from_callers_are_written_alike()
    {
        using var api = new ApiFactory();
        await api.DataAsync("""mutation { upsertCustomer(input: { id: "t-1" }) { errors { message } } }""");
        await api.DataAsync(
            """
            mutation { recordOrder(input: { customerId: "t-1", orderId: "t-1-a", orderedAt: "2026-01-15T10:30:00.1234567+02:00", amount: 10 }) { errors { message } } }
            """
        );

        var customer = (
            await api.DataAsync(
                """{ customer(id: "t-1") { createdAt stageChangedAt orders(first: 1) { nodes { orderedAt } } } }"""
            )
        ).GetProperty("customer");

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", customer.GetProperty("createdAt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", customer.GetProperty("stageChangedAt").GetString());
        Assert.Equal(
            "2026-01-15T08:30:00Z",
            customer.GetProperty("orders").GetProperty("nodes")[0].GetProperty("orderedAt").GetString()
        );
    }
}
