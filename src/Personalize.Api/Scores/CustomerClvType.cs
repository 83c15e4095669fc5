using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Lifetime;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public sealed class CustomerClvType : ObjectGraphType<CustomerScore>
{
    public CustomerClvType()
    {
        Name = "CustomerClv";
        Description =
            "A customer's lifetime value and the scores behind it, as of the last scoring (a recompute, or "
            + "the customer's latest order).";
        Field("historical", s => s.HistoricalClv)
            .Description(
                "Historical CLV: average order value × purchases per year × years of relationship (= revenue to date)."
            );
        Field<NonNullGraphType<DecimalGraphType>>("predicted")
            .Description(
                "Predicted CLV: expected purchases of the purchase model in use × Gamma-Gamma expected spend "
                    + "(× margin rate when known), discounted monthly over `months`."
            )
            .Argument<IntGraphType>("months", "Horizon in months (1-120).", a => a.DefaultValue = 12)
            .ResolveAsync(async ctx =>
            {
                var months = ctx.GetArgument("months", 12);
                if (months is < 1 or > 120)
                    throw new ExecutionError("months: between 1 and 120.") { Code = "INVALID_ARGUMENT" };
                var snapshot = await Snapshot(ctx);
                if (months == snapshot.HorizonMonths)
                    return ctx.Source.PredictedClv;
                // The stored value is spend × margin × the discounted purchases of the snapshot's horizon: rescale the
                // purchases.
                var stored = DiscountedPurchases(snapshot, ctx.Source, snapshot.HorizonMonths);
                return stored <= 0
                    ? 0m
                    : Math.Round(
                        ctx.Source.PredictedClv * (decimal)(DiscountedPurchases(snapshot, ctx.Source, months) / stored),
                        2
                    );
            });
        Field<NonNullGraphType<FloatGraphType>>("expectedPurchases")
            .Description(
                "Purchases (distinct purchase days) expected in the next `days` days, from the purchase "
                    + "model in use given this customer's history."
            )
            .Argument<NonNullGraphType<IntGraphType>>("days", "Horizon in days (1-3650).")
            .ResolveAsync(async ctx =>
            {
                var days = ctx.GetArgument<int>("days");
                if (days is < 1 or > 3650)
                    throw new ExecutionError("days: between 1 and 3650.") { Code = "INVALID_ARGUMENT" };
                var snapshot = await Snapshot(ctx);
                var s = ctx.Source;
                return snapshot
                    .PurchaseModelInUse()
                    .ConditionalExpectedPurchases(snapshot.TimeUnit.FromDays(days), s.Frequency, s.Recency, s.Age);
            });
        Field(s => s.ProbabilityAlive)
            .Description("The purchase model's probability that the customer is still active (0-1).");
        Field(s => s.AverageOrderValue).Description("Mean order amount so far.");
        Field(s => s.ExpectedAverageOrderValue)
            .Description(
                "Gamma-Gamma expected spend per future purchase (the "
                    + "customer's own average when no spend model could be fitted)."
            );
        Field<NonNullGraphType<RfmType>>("rfm")
            .Description("Recency, frequency and monetary quintiles among all scored customers.")
            .Resolve(ctx => ctx.Source);
        Field("repeatPurchases", s => s.Frequency).Description("x: distinct purchase days after the first.");
        Field(s => s.AsOf).Description("The date the scores describe.");
        Field("computedAt", s => s.ScoredAt).Description("When the scores were computed.");
    }

    private static double DiscountedPurchases(ClvSnapshot snapshot, CustomerScore s, int months) =>
        PredictiveClv
            .Calculate(
                snapshot.PurchaseModelInUse(),
                s.Frequency,
                s.Recency,
                s.Age,
                snapshot.TimeUnit,
                expectedSpend: 1,
                marginRate: null,
                new PredictiveClvOptions { HorizonMonths = months, AnnualDiscountRate = snapshot.AnnualDiscountRate }
            )
            .Value;

    private static async Task<ClvSnapshot> Snapshot(IResolveFieldContext<CustomerScore> ctx) =>
        await ctx.Service<ClvModelStore>().GetAsync(ctx.Source.SnapshotId, ctx.CancellationToken)
        ?? throw new InvalidOperationException($"Snapshot {ctx.Source.SnapshotId} is gone.");
}
