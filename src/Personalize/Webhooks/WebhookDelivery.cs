using Personalize.Events;

namespace Personalize.Webhooks;

/// <summary>One event for one endpoint, with its attempts. A lease (token and expiry) makes one instance deliver it at
/// a time.</summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public long EndpointId { get; set; }
    public long EventId { get; set; }
    public CustomerEvent Event { get; set; } = null!;
    public long CustomerId { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseToken { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
