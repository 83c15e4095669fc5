using GraphQL.Types;
using Personalize.Lifetime.Backtest;

namespace Personalize.Api.Scores;

public sealed class ClvHoldoutFrequencyType : ObjectGraphType<ClvBacktestFrequencyRow>
{
    public ClvHoldoutFrequencyType()
    {
        Name = "ClvHoldoutFrequency";
        Description =
            "One row of the back-test's calibration vs holdout table: the customers with a given number of repeat "
            + "purchases in the calibration period, their mean actual and predicted repeat purchase days in the "
            + "holdout.";
        Field("frequency", r => r.MinFrequency)
            .Description("Repeat purchase days in the calibration period (the lowest, on the open last row).");
        Field<NonNullGraphType<BooleanGraphType>>("andAbove")
            .Description("True on the last, open row: the customers with `frequency` or more repeat purchase days.")
            .Resolve(ctx => ctx.Source.MaxFrequency is null);
        Field<NonNullGraphType<IntGraphType>>("customers")
            .Description("Back-tested customers in the row.")
            .Resolve(ctx => (int)ctx.Source.Customers);
        Field("meanActual", r => r.MeanActual)
            .Description("Their mean actual repeat purchase days in the holdout (0 when the row is empty).");
        Field("meanPredicted", r => r.MeanPredicted)
            .Description(
                "Their mean repeat purchase days in the holdout as the candidate predicted from its calibration fit."
            );
    }
}
