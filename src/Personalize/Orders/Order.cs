using Personalize.Customers;

namespace Personalize.Orders;

/// <summary>A purchase. (Source, ExternalId) is unique, so recording the same order twice changes nothing.</summary>
public class Order
{
    public long Id { get; set; }
    public string Source { get; set; } = Order.DefaultSource;
    public string ExternalId { get; set; } = "";
    public long CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;
    public DateTime OrderedAt { get; set; }
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public string Currency { get; set; } = "EUR";
    public decimal? Margin { get; set; }
    public DateTime RecordedAt { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    public const string DefaultSource = "default";
}

public class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public string ProductId { get; set; } = "";
    public string? ProductName { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}
