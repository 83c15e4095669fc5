namespace Personalize.Lifetime;

/// <param name="DaysSinceLastPurchase">Recency: fewer days scores higher.</param>
/// <param name="Frequency">e.g. the number of orders.</param>
/// <param name="Monetary">e.g. revenue or average order value.</param>
public readonly record struct RfmInput(double DaysSinceLastPurchase, double Frequency, double Monetary)
{
    public static RfmInput FromStatistics(CustomerStatistics customer) =>
        new(
            customer.AsOf.DayNumber - DateOnly.FromDateTime(customer.LastOrderAt).DayNumber,
            customer.OrderCount,
            (double)customer.Revenue
        );
}
