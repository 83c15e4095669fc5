namespace Personalize.Lifetime;

/// <param name="Monthly">Expected purchases in each month of the horizon, undiscounted, for a customer still alive.</param>
/// <param name="Total">Their sum.</param>
/// <param name="Discounted">Their sum discounted monthly.</param>
public sealed record AlivePurchases(IReadOnlyList<double> Monthly, double Total, double Discounted);
