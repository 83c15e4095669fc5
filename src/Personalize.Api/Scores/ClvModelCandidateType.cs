using GraphQL.Types;
using Personalize.Lifetime.Selection;

namespace Personalize.Api.Scores;

public sealed class ClvModelCandidateType : ObjectGraphType<PurchaseModelCandidate>
{
    public ClvModelCandidateType()
    {
        Name = "ClvModelCandidate";
        Description =
            "A purchase model the recompute considered, with its fit on the whole history and its back-test figures.";
        Field<NonNullGraphType<PurchaseModelKindType>>("model")
            .Description("Which model.")
            .Resolve(ctx => ctx.Source.Kind);
        Field<ListGraphType<NonNullGraphType<ClvParameterType>>>("parameters")
            .Description("Its parameters fitted on the whole history; null when it could not be fitted.")
            .Resolve(ctx => ctx.Source.Parameters?.ToList());
        Field("logLikelihood", c => c.LogLikelihood, nullable: true)
            .Description("Log-likelihood of the whole-history fit.");
        Field("bic", c => c.Bic, nullable: true)
            .Description("Bayesian information criterion k ln n − 2 LL of the whole-history fit (lower is better).");
        Field("boundNote", c => c.BoundNote, nullable: true)
            .Description("Set when the whole-history fit lies on a bound of the search.");
        Field("failure", c => c.Failure, nullable: true)
            .Description("Why the whole-history fit failed; null when it fitted.");
        Field<FloatGraphType>("holdoutPredicted")
            .Description(
                "Back-test: predicted repeat purchase days in the holdout, all customers; null without a back-test."
            )
            .Resolve(ctx => ctx.Source.Backtest?.PredictedPurchases);
        Field<LongGraphType>("holdoutActual")
            .Description(
                "Back-test: actual repeat purchase days in the holdout, all customers; null without a back-test."
            )
            .Resolve(ctx => ctx.Source.Backtest?.ActualPurchases);
        Field<FloatGraphType>("holdoutMae")
            .Description("Back-test: mean absolute error of predicted against actual holdout purchases per customer.")
            .Resolve(ctx => ctx.Source.Backtest?.MeanAbsoluteError);
        Field<FloatGraphType>("holdoutRmse")
            .Description("Back-test: root mean squared error per customer.")
            .Resolve(ctx => ctx.Source.Backtest?.RootMeanSquaredError);
        Field<FloatGraphType>("calibrationLogLikelihood")
            .Description("Back-test: log-likelihood of the fit on the calibration period.")
            .Resolve(ctx => ctx.Source.Backtest?.CalibrationLogLikelihood);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClvHoldoutFrequencyType>>>>("holdoutByFrequency")
            .Description(
                "Back-test: mean actual and predicted holdout purchases by calibration frequency (0..19, "
                    + "then 20 and above), "
                    + "the table `evaluate clv --plots-dir` writes; empty without a back-test (BIC rule) or when the "
                    + "calibration fit failed."
            )
            .Resolve(ctx => ctx.Source.Backtest?.ByFrequency ?? []);
        Field<StringGraphType>("holdoutFailure")
            .Description("Back-test: why the calibration fit failed; null when it fitted or there was no back-test.")
            .Resolve(ctx => ctx.Source.Backtest?.Failure);
    }
}
