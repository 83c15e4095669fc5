using System.Globalization;
using Personalize.Lifetime.Backtest;

namespace Personalize.Lifetime.Selection;

/// <summary>
/// Chooses the purchase model by evidence. Every candidate is fitted on the whole history. When the calibration period
/// (history up to the holdout) has enough repeat customers and is at least as long as the holdout, each candidate is
/// also fitted on it and predicts every calibration customer's repeat purchase days in the holdout; the lowest root mean
/// squared error per customer wins. The predictions are conditional means, which squared error rewards; absolute error
/// rewards the median instead (0 for most customers), so MAE favours models that under-predict and is reported, not used. Otherwise the lowest BIC = k ln n − 2 LL of the whole-history fits wins. A fit on a bound takes
/// part like any other; its note travels with it. Ties go to the earlier model in <see cref="PurchaseModelSelectionOptions.Models"/>.
/// </summary>
public static class PurchaseModelSelector
{
    /// <param name="history">Every customer's (x, t_x, T) as of the as-of date.</param>
    /// <param name="calibration">Customers of the calibration period with their actual holdout purchases (Predicted unused).</param>
    /// <param name="holdoutLength">The holdout's length in the data's time unit.</param>
    /// <param name="starts">Warm starts (e.g. the previous snapshot's parameters), by model.</param>
    public static PurchaseModelSelection Select(RepeatPurchaseData history, IReadOnlyList<ClvBacktestCustomer> calibration, double holdoutLength,
        PurchaseModelSelectionOptions options, IReadOnlyDictionary<PurchaseModelKind, PurchaseModelParameters>? starts = null)
    {
        var calibrationData = new RepeatPurchaseData();
        foreach (var c in calibration) calibrationData.Add(c.Frequency, c.Recency, c.Age);
        var calibrationSpan = calibration.Count == 0 ? 0 : calibration.Max(c => c.Age);
        string? noBacktest =
            calibrationData.RepeatCustomerCount < options.MinimumBacktestRepeatCustomers
                ? F($"the calibration period has {calibrationData.RepeatCustomerCount:N0} repeat customers, fewer than {options.MinimumBacktestRepeatCustomers:N0}")
            : calibrationSpan < holdoutLength
                ? F($"the calibration period spans {calibrationSpan:0.#} time units, less than the {holdoutLength:0.#}-unit holdout")
            : null;

        var fits = new Dictionary<PurchaseModelKind, ModelFit<PurchaseModelParameters>>();
        var candidates = new List<PurchaseModelCandidate>();
        foreach (var kind in options.Models)
        {
            var fit = PurchaseModelFitter.Fit(kind, history, starts?.GetValueOrDefault(kind), options.Fit);
            fits[kind] = fit;
            var usable = fit is { Converged: true, Parameters: not null };
            var bic = usable ? kind.ParameterNames().Count * Math.Log(history.CustomerCount) - 2 * fit.LogLikelihood : (double?)null;
            var backtest = noBacktest is null ? Backtest(kind, calibrationData, calibration, holdoutLength, usable ? fit.Parameters : null, options.Fit) : null;
            candidates.Add(new PurchaseModelCandidate(kind, usable ? Named(fit.Parameters!) : null, Finite(fit.LogLikelihood), bic,
                fit.BoundNote, usable ? null : Describe(fit), backtest));
        }

        var usableCandidates = candidates.Where(c => c.Usable).ToList();
        if (usableCandidates.Count == 0)
        {
            var failure = "No purchase model could be fitted: " + string.Join(" ", candidates.Select(c => $"{c.Kind.DisplayName()}: {c.Failure}"));
            return new PurchaseModelSelection(noBacktest is null ? SelectionRule.Backtest : SelectionRule.Bic, failure, candidates, null, failure);
        }

        var tested = usableCandidates.Where(c => c.Backtest?.RootMeanSquaredError is not null).ToList();
        if (noBacktest is null && tested.Count > 0)
        {
            var best = tested.MinBy(c => c.Backtest!.RootMeanSquaredError!.Value)!;
            var others = string.Join(", ", tested.Where(c => c != best).Select(c => F($"{c.Kind.DisplayName()} {c.Backtest!.RootMeanSquaredError:0.0000}")));
            var reason = F($"Back-test on a {holdoutLength:0.##}-unit holdout: {best.Kind.DisplayName()} has the lowest RMSE per customer, {best.Backtest!.RootMeanSquaredError:0.0000}")
                + (others.Length > 0 ? $" (vs {others})" : "")
                + F($"; its MAE {best.Backtest.MeanAbsoluteError:0.0000}, predicted {best.Backtest.PredictedPurchases:N1} vs actual {best.Backtest.ActualPurchases:N0} holdout purchases.");
            return new PurchaseModelSelection(SelectionRule.Backtest, reason, candidates, fits[best.Kind], null);
        }

        var lowest = usableCandidates.MinBy(c => c.Bic!.Value)!;
        var why = noBacktest ?? "no model could be fitted on the calibration period";
        var rest = string.Join(", ", usableCandidates.Where(c => c != lowest).Select(c => F($"{c.Kind.DisplayName()} {c.Bic:0.0}")));
        return new PurchaseModelSelection(SelectionRule.Bic,
            F($"No back-test ({why}): {lowest.Kind.DisplayName()} has the lowest BIC, {lowest.Bic:0.0}") + (rest.Length > 0 ? $" (vs {rest})." : "."),
            candidates, fits[lowest.Kind], null);
    }

    private static PurchaseModelBacktest Backtest(PurchaseModelKind kind, RepeatPurchaseData data, IReadOnlyList<ClvBacktestCustomer> customers,
        double holdoutLength, PurchaseModelParameters? start, ModelFitOptions options)
    {
        var actual = customers.Sum(c => (long)c.Actual);
        var fit = PurchaseModelFitter.Fit(kind, data, start, options);
        if (fit is not { Converged: true, Parameters: { } parameters })
            return new PurchaseModelBacktest(null, null, customers.Count, null, actual, null, null, null, Describe(fit));
        var predictions = Predict(parameters.CreateModel(), customers, holdoutLength);
        double predicted = 0, absolute = 0, squared = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            var error = predictions[i] - customers[i].Actual;
            predicted += predictions[i];
            absolute += Math.Abs(error);
            squared += error * error;
        }
        var n = Math.Max(1, customers.Count);
        return new PurchaseModelBacktest(Named(parameters), Finite(fit.LogLikelihood), customers.Count, predicted, actual,
            absolute / n, Math.Sqrt(squared / n), fit.BoundNote, null, ClvBacktest.HoldoutByFrequency(customers, predictions));
    }

    /// <summary>E[Y(holdout) | x, t_x, T] for every customer, each distinct (x, t_x, T) computed once.</summary>
    public static double[] Predict(IPurchaseModel model, IReadOnlyList<ClvBacktestCustomer> customers, double holdoutLength)
    {
        var cache = new Dictionary<(int, double, double), double>();
        var result = new double[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            var key = (c.Frequency, c.Recency, c.Age);
            if (!cache.TryGetValue(key, out var value))
                cache[key] = value = model.ConditionalExpectedPurchases(holdoutLength, c.Frequency, c.Recency, c.Age);
            result[i] = value;
        }
        return result;
    }

    public static IReadOnlyDictionary<string, double> Named(PurchaseModelParameters parameters) =>
        parameters.Named.ToDictionary(p => p.Name, p => p.Value);

    private static string Describe(ModelFit<PurchaseModelParameters> fit) =>
        fit.Parameters is { } best && double.IsFinite(fit.LogLikelihood)
            ? F($"{fit.FailureReason} Best point found: {best}, log-likelihood = {fit.LogLikelihood:0.00}.")
            : fit.FailureReason ?? "The fit failed.";

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
