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

public enum InteractionKind { View, Click, Like, Share, AddToCart, Purchase, Dismiss }
