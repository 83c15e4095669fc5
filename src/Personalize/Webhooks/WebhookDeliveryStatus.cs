namespace Personalize.Webhooks;

public enum WebhookDeliveryStatus
{
    [System.ComponentModel.Description("Waiting for its first or next attempt.")]
    Pending,

    [System.ComponentModel.Description("The receiver answered 2xx.")]
    Delivered,

    [System.ComponentModel.Description("Every attempt failed: no more tries until it is replayed.")]
    Dead,
}
