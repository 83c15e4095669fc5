namespace Personalize.Lifetime;

public sealed record PredictiveClvOptions
{
    /// <summary>How many months ahead to count purchases.</summary>
    public int HorizonMonths { get; init; } = 12;

    /// <summary>Annual discount rate, e.g. 0.10 for 10 % a year; converted to the monthly (1+d)^(1/12) − 1.</summary>
    public double AnnualDiscountRate { get; init; } = 0.10;

    public static PredictiveClvOptions Default { get; } = new();
}
