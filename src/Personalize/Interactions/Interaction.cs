namespace Personalize.Interactions;

/// <summary>One thing a customer did with a content item.</summary>
public class Interaction
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long ContentItemId { get; set; }
    public InteractionKind Kind { get; set; }
    public DateTime OccurredAt { get; set; }
    public double? Weight { get; set; }

    /// <summary>Caller-supplied key: a retried request with the same key is stored once.</summary>
    public string? IdempotencyKey { get; set; }
}

public enum InteractionKind
{
    [System.ComponentModel.Description("Saw the item.")]
    View,

    [System.ComponentModel.Description("Opened the item.")]
    Click,

    [System.ComponentModel.Description("Liked the item.")]
    Like,

    [System.ComponentModel.Description("Shared the item.")]
    Share,

    [System.ComponentModel.Description("Put the (product) item in the cart.")]
    AddToCart,

    [System.ComponentModel.Description("Bought the (product) item.")]
    Purchase,

    [System.ComponentModel.Description("Asked not to see the item (a negative signal).")]
    Dismiss,
}
