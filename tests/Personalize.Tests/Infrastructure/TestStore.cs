using Microsoft.Extensions.DependencyInjection;
using Personalize.Customers;
using Personalize.Orders;
using Personalize.Segments;

namespace Personalize.Tests.Infrastructure;

/// <summary>Writes test data through the engine's own services, as the API would.</summary>
public static class TestStore
{
    public static async Task CustomerAsync(
        this ApiFactory factory,
        string id,
        string? email = null,
        string? country = null,
        bool consent = true
    )
    {
        var result = await factory
            .Services.GetRequiredService<CustomerService>()
            .UpsertAsync(
                new UpsertCustomerInput(
                    id,
                    email,
                    Country: country,
                    ConsentPersonalization: consent,
                    ConsentEmailMarketing: consent
                ),
                default
            );
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    public static async Task OrderAsync(
        this ApiFactory factory,
        string customerId,
        string orderId,
        DateTime orderedAt,
        decimal amount,
        params (string Product, int Quantity, decimal Price)[] lines
    )
    {
        var result = await factory
            .Services.GetRequiredService<OrderService>()
            .RecordAsync(
                new RecordOrderInput(
                    customerId,
                    orderId,
                    orderedAt,
                    amount,
                    Lines: lines.Select(l => new OrderLineInput(l.Product, null, l.Quantity, l.Price)).ToList()
                ),
                default
            );
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    public static async Task SegmentAsync(this ApiFactory factory, string id, IReadOnlyDictionary<string, object?> rule)
    {
        var result = await factory
            .Services.GetRequiredService<SegmentService>()
            .CreateAsync(new SegmentInput(id, id, null, rule), default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }
}
