namespace Personalize.Lifetime.Backtest;

/// <summary>Predicted against actual holdout purchases: the predicted total, and the mean absolute and root mean
/// squared error per customer.</summary>
public sealed record HoldoutErrors(double Predicted, double MeanAbsolute, double RootMeanSquared)
{
    /// <param name="predicted">In the order of <paramref name="customers"/>.</param>
    public static HoldoutErrors Of(IReadOnlyList<ClvBacktestCustomer> customers, IReadOnlyList<double> predicted)
    {
        double total = 0,
            absolute = 0,
            squared = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            var error = predicted[i] - customers[i].Actual;
            total += predicted[i];
            absolute += Math.Abs(error);
            squared += error * error;
        }
        var n = Math.Max(1, customers.Count);
        return new HoldoutErrors(total, absolute / n, Math.Sqrt(squared / n));
    }
}
