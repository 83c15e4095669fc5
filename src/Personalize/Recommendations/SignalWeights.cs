using Personalize.Interactions;

namespace Personalize.Recommendations;

/// <summary>
/// How much one interaction says about a customer's taste: a weight per kind (dismiss is negative), times
/// 1 + ln(the interaction's own weight, e.g. a purchase quantity) capped at <see cref="MaxQuantityFactor"/>, halved
/// every <see cref="HalfLifeDays"/> before the moment the signals are read as of.
/// </summary>
public sealed record SignalWeights
{
    public static readonly SignalWeights Default = new();

    public double View { get; init; } = 1;
    public double Click { get; init; } = 2;
    public double Like { get; init; } = 3;
    public double Share { get; init; } = 3;
    public double AddToCart { get; init; } = 4;
    public double Purchase { get; init; } = 5;
    public double Dismiss { get; init; } = -5;

    /// <summary>A wholesaler buying 1,000 of an item likes it more than a buyer of 1, but not 1,000 times
    /// more.</summary>
    public double MaxQuantityFactor { get; init; } = 3;

    /// <summary>Recency decay; 0 or less turns it off.</summary>
    public double HalfLifeDays { get; init; } = 90;

    public double Of(InteractionKind kind, double? weight)
    {
        var baseWeight = kind switch
        {
            InteractionKind.View => View,
            InteractionKind.Click => Click,
            InteractionKind.Like => Like,
            InteractionKind.Share => Share,
            InteractionKind.AddToCart => AddToCart,
            InteractionKind.Purchase => Purchase,
            InteractionKind.Dismiss => Dismiss,
            _ => 0,
        };
        return kind == InteractionKind.Dismiss || weight is not > 1
            ? baseWeight
            : baseWeight * Math.Min(1 + Math.Log(weight.Value), MaxQuantityFactor);
    }

    /// <summary>The factor for a signal <paramref name="ageDays"/> old.</summary>
    public double Decay(double ageDays) =>
        HalfLifeDays <= 0 ? 1 : Math.Exp(-Math.Log(2) * Math.Max(0, ageDays) / HalfLifeDays);
}
