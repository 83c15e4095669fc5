using System.Globalization;
using Personalize.Lifetime.Backtest;

namespace Personalize.Lifetime.Selection;

/// <summary>
/// Chooses the purchase model by evidence. Every candidate is fitted on the whole history. When the calibration period
/// (history up to the holdout) has enough repeat customers and is at least as long as the holdout, each candidate is
/// also fitted on it and predicts every calibration customer's repeat purchase days in the holdout; the lowest root
/// mean squared error per customer wins. The predictions are conditional means, which squared error rewards; absolute
/// error rewards the median instead (0 for most customers), so MAE favours models that under-predict and is reported,
/// not used. Otherwise the lowest BIC = k ln n − 2 LL of the whole-history fits wins. A fit on a bound takes part like
/// any other; its note travels with it. Ties go to the earlier model in <see
/// cref="PurchaseModelSelectionOptions.Models"/>.
/// </summary>
public static class PurchaseModelSelector
{
    /// <param name="history">Every customer's (x, t_x, T) as of the as-of date.</param>
    /// <param name="calibration">Customers of the calibration period with their actual holdout purchases (Predicted unused).</param>
    /// <param name="holdoutLength">The holdout's length in the data's time unit.</param>
    /// <param name="starts">Warm starts (e.g. the previous snapshot's fits), by model; without one, the whole-history fit starts from the calibration fit.</param>
    public static PurchaseModelSelection Select(
        RepeatPurchaseData history,
        IReadOnlyList<ClvBacktestCustomer> calibration,
        double holdoutLength,
        PurchaseModelSelectionOptions options,
        IReadOnlyDictionary<PurchaseModelKind, PurchaseModelStart>? starts = null
    )
    {
        var backtested =
            options.BacktestSampleCustomers > 0
                ? BacktestSample.Take(calibration, options.BacktestSampleCustomers)
                : calibration;
        var calibrationData = new RepeatPurchaseData();
        foreach (var c in backtested)
            calibrationData.Add(c.Frequency, c.Recency, c.Age);
        var calibrationSpan = backtested.Count == 0 ? 0 : backtested.Max(c => c.Age);
        string? noBacktest =
            calibrationData.RepeatCustomerCount < options.MinimumBacktestRepeatCustomers
                ? F(
                    $"the calibration period has {calibrationData.RepeatCustomerCount:N0} repeat customers, fewer than {options.MinimumBacktestRepeatCustomers:N0}"
                )
            : calibrationSpan < holdoutLength
                ? F(
                    $"the calibration period spans {calibrationSpan:0.#} time units, less than the {holdoutLength:0.#}-unit holdout"
                )
            : null;

        var fits = new Dictionary<PurchaseModelKind, ModelFit<PurchaseModelParameters>>();
        var candidates = new List<PurchaseModelCandidate>();
        foreach (var kind in options.Models)
        {
            var start = starts?.GetValueOrDefault(kind);
            var (backtest, calibrationFit) = noBacktest is null
                ? Backtest(
                    kind,
                    calibrationData,
                    backtested,
                    holdoutLength,
                    start?.Calibration ?? start?.History,
                    options.Fit
                )
                : (null, null);
            var fit = PurchaseModelFitter.Fit(kind, history, start?.History ?? calibrationFit, options.Fit);
            fits[kind] = fit;
            var usable = fit is { Converged: true, Parameters: not null };
            var bic = usable
                ? kind.ParameterNames().Count * Math.Log(history.CustomerCount) - 2 * fit.LogLikelihood
                : (double?)null;
            candidates.Add(
                new PurchaseModelCandidate(
                    kind,
                    usable ? Named(fit.Parameters!) : null,
                    Finite(fit.LogLikelihood),
                    bic,
                    fit.BoundNote,
                    usable ? null : Describe(fit),
                    backtest
                )
            );
        }

        var usableCandidates = candidates.Where(c => c.Usable).ToList();
        if (usableCandidates.Count == 0)
        {
            var failure =
                "No purchase model could be fitted: "
                + string.Join(" ", candidates.Select(c => $"{c.Kind.DisplayName()}: {c.Failure}"));
            return new PurchaseModelSelection(
                noBacktest is null ? SelectionRule.Backtest : SelectionRule.Bic,
                failure,
                candidates,
                null,
                failure
            );
        }

        var tested = usableCandidates.Where(c => c.Backtest?.RootMeanSquaredError is not null).ToList();
        if (noBacktest is null && tested.Count > 0)
        {
            var best = tested.MinBy(c => c.Backtest!.RootMeanSquaredError!.Value)!;
            var others = string.Join(
                ", ",
                tested
                    .Where(c => c != best)
                    .Select(c => F($"{c.Kind.DisplayName()} {c.Backtest!.RootMeanSquaredError:0.0000}"))
            );
            var sample =
                backtested.Count < calibration.Count
                    ? F($" on a random {backtested.Count:N0} of the {calibration.Count:N0} calibration customers")
                    : "";
            var reason =
                F(
                    $"Back-test on a {holdoutLength:0.##}-unit holdout{sample}: {best.Kind.DisplayName()} has the lowest RMSE per customer, {best.Backtest!.RootMeanSquaredError:0.0000}"
                )
                + (others.Length > 0 ? $" (vs {others})" : "")
                + F(
                    $"; its MAE {best.Backtest.MeanAbsoluteError:0.0000}, predicted {best.Backtest.PredictedPurchases:N1} vs actual {best.Backtest.ActualPurchases:N0} holdout purchases."
                );
            return new PurchaseModelSelection(SelectionRule.Backtest, reason, candidates, fits[best.Kind], null);
        }

        var lowest = usableCandidates.MinBy(c => c.Bic!.Value)!;
        var why = noBacktest ?? "no model could be fitted on the calibration period";
        var rest = string.Join(
            ", ",
            usableCandidates.Where(c => c != lowest).Select(c => F($"{c.Kind.DisplayName()} {c.Bic:0.0}"))
        );
        return new PurchaseModelSelection(
            SelectionRule.Bic,
            F($"No back-test ({why}): {lowest.Kind.DisplayName()} has the lowest BIC, {lowest.Bic:0.0}")
                + (rest.Length > 0 ? $" (vs {rest})." : "."),
            candidates,
            fits[lowest.Kind],
            null
        );
    }

    /// <returns>The candidate's back-test, and its calibration fit when it converged.</returns>
    private static (PurchaseModelBacktest, PurchaseModelParameters?) Backtest(
        PurchaseModelKind kind,
        RepeatPurchaseData data,
        IReadOnlyList<ClvBacktestCustomer> customers,
        double holdoutLength,
        PurchaseModelParameters? start,
        ModelFitOptions options
    )
    {
        var actual = customers.Sum(c => (long)c.Actual);
        var fit = PurchaseModelFitter.Fit(kind, data, start, options);
        if (fit is not { Converged: true, Parameters: { } parameters })
            return (
                new PurchaseModelBacktest(null, null, customers.Count, null, actual, null, null, null, Describe(fit)),
                null
            );
        var predictions = Predict(parameters.CreateModel(), customers, holdoutLength);
        var errors = HoldoutErrors.Of(customers, predictions);
        return (
            new PurchaseModelBacktest(
                Named(parameters),
                Finite(fit.LogLikelihood),
                customers.Count,
                errors.Predicted,
                actual,
                errors.MeanAbsolute,
                errors.RootMeanSquared,
                fit.BoundNote,
                null,
                ClvBacktest.HoldoutByFrequency(customers, predictions)
            ),
            parameters
        );
    }

    /// <summary>E[Y(holdout) | x, t_x, T] = P(alive) · E[Y | alive] for every customer, the second once per distinct
    /// (x, T).</summary>
    public static double[] Predict(
        IPurchaseModel model,
        IReadOnlyList<ClvBacktestCustomer> customers,
        double holdoutLength
    )
    {
        var ifAlive = new Dictionary<(int, double), double>();
        var result = new double[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            if (!ifAlive.TryGetValue((c.Frequency, c.Age), out var alive))
                ifAlive[(c.Frequency, c.Age)] = alive = model.ExpectedPurchasesIfAlive(
                    holdoutLength,
                    c.Frequency,
                    c.Age
                );
            result[i] = model.ProbabilityAlive(c.Frequency, c.Recency, c.Age) * alive;
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
