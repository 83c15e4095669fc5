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
        Description = "A customer's lifetime value and the scores behind it, as of the last scoring (a recompute, or the customer's latest order).";
        Field("historical", s => s.HistoricalClv).Description("Historical CLV: average order value × purchases per year × years of relationship (= revenue to date).");
        Field<NonNullGraphType<DecimalGraphType>>("predicted")
            .Description("Predicted CLV: BG/NBD expected purchases × Gamma-Gamma expected spend (× margin rate when known), discounted monthly over `months`.")
            .Argument<IntGraphType>("months", "Horizon in months (1-120).", a => a.DefaultValue = 12)
            .ResolveAsync(async ctx =>
            {
                var months = ctx.GetArgument("months", 12);
                if (months is < 1 or > 120) throw new ExecutionError("months: between 1 and 120.") { Code = "INVALID_ARGUMENT" };
                var snapshot = await Snapshot(ctx);
                if (months == snapshot.HorizonMonths) return ctx.Source.PredictedClv;
                // The stored value is spend × margin × the discounted purchases of the snapshot's horizon: rescale the purchases.
                var stored = DiscountedPurchases(snapshot, ctx.Source, snapshot.HorizonMonths);
                return stored <= 0 ? 0m : Math.Round(ctx.Source.PredictedClv * (decimal)(DiscountedPurchases(snapshot, ctx.Source, months) / stored), 2);
            });
        Field<NonNullGraphType<FloatGraphType>>("expectedPurchases")
            .Description("Purchases (distinct purchase days) expected in the next `days` days, from BG/NBD given this customer's history.")
            .Argument<NonNullGraphType<IntGraphType>>("days", "Horizon in days (1-3650).")
            .ResolveAsync(async ctx =>
            {
                var days = ctx.GetArgument<int>("days");
                if (days is < 1 or > 3650) throw new ExecutionError("days: between 1 and 3650.") { Code = "INVALID_ARGUMENT" };
                var snapshot = await Snapshot(ctx);
                var s = ctx.Source;
                return snapshot.PurchaseModel().ConditionalExpectedPurchases(snapshot.TimeUnit.FromDays(days), s.Frequency, s.Recency, s.Age);
            });
        Field(s => s.ProbabilityAlive).Description("BG/NBD probability that the customer is still active (0-1).");
        Field(s => s.AverageOrderValue).Description("Mean order amount so far.");
        Field(s => s.ExpectedAverageOrderValue).Description("Gamma-Gamma expected spend per future purchase (the customer's own average when no spend model could be fitted).");
        Field<NonNullGraphType<RfmType>>("rfm").Description("Recency, frequency and monetary quintiles among all scored customers.").Resolve(ctx => ctx.Source);
        Field("repeatPurchases", s => s.Frequency).Description("BG/NBD x: distinct purchase days after the first.");
        Field(s => s.AsOf).Description("The date the scores describe.");
        Field("computedAt", s => s.ScoredAt).Description("When the scores were computed.");
    }

    private static double DiscountedPurchases(ClvSnapshot snapshot, CustomerScore s, int months) =>
        PredictiveClv.Calculate(snapshot.PurchaseModel(), s.Frequency, s.Recency, s.Age, snapshot.TimeUnit, expectedSpend: 1, marginRate: null,
            new PredictiveClvOptions { HorizonMonths = months, AnnualDiscountRate = snapshot.AnnualDiscountRate }).Value;

    private static async Task<ClvSnapshot> Snapshot(IResolveFieldContext<CustomerScore> ctx) =>
        await ctx.Service<ClvModelStore>().GetAsync(ctx.Source.SnapshotId, ctx.CancellationToken)
            ?? throw new InvalidOperationException($"Snapshot {ctx.Source.SnapshotId} is gone.");
}

public sealed class RfmType : ObjectGraphType<CustomerScore>
{
    public RfmType()
    {
        Name = "Rfm";
        Description = "RFM quintiles (1-5, 5 best) over all scored customers.";
        Field("recency", s => s.RfmRecency).Description("5 = bought most recently.");
        Field("frequency", s => s.RfmFrequency).Description("5 = most orders.");
        Field("monetary", s => s.RfmMonetary).Description("5 = most spent.");
        Field<NonNullGraphType<IntGraphType>>("score").Description("R×100 + F×10 + M, e.g. 545.").Resolve(ctx => ctx.Source.RfmRecency * 100 + ctx.Source.RfmFrequency * 10 + ctx.Source.RfmMonetary);
    }
}

public sealed class ClvTimeUnitType() : DescribedEnumType<ClvTimeUnit>("The time unit the BG/NBD model is fitted in.");

public sealed class ClvModelType : ObjectGraphType<ClvSnapshot>
{
    public ClvModelType()
    {
        Name = "ClvModel";
        Description = "The fitted CLV models of the latest `scores recompute`.";
        Field(s => s.AsOf).Description("The date the models were fitted as of.");
        Field(s => s.ComputedAt).Description("When the recompute ran.");
        Field<NonNullGraphType<ClvTimeUnitType>>("timeUnit").Description("The unit of t_x, T and α (DAY or WEEK).").Resolve(ctx => ctx.Source.TimeUnit);
        Field(s => s.CustomerCount).Description("Customers with at least one order as of the date.");
        Field(s => s.RepeatCustomerCount).Description("Customers with at least one repeat purchase.");
        Field<NonNullGraphType<BgNbdType>>("bgNbd").Description("The purchase model (Fader, Hardie & Lee 2005).").Resolve(ctx => ctx.Source);
        Field<GammaGammaType>("gammaGamma").Description("The spend model (Fader & Hardie 2013); null when too few repeat customers to fit it.").Resolve(ctx => ctx.Source.P is null ? null : ctx.Source);
        Field(s => s.HorizonMonths).Description("Months of future purchases counted in predicted CLV.");
        Field(s => s.AnnualDiscountRate).Description("Annual discount rate of predicted CLV.");
        Field(s => s.LoyalClvThreshold).Description("Predicted CLV from which an active customer is LOYAL.");
        Field(s => s.DurationSeconds).Description("How long the recompute took.");
    }
}

public sealed class BgNbdType : ObjectGraphType<ClvSnapshot>
{
    public BgNbdType()
    {
        Name = "BgNbd";
        Description = "BG/NBD parameters: purchase rates ~ Gamma(r, α), dropout probabilities ~ Beta(a, b).";
        Field(s => s.R).Description("Shape of the purchase-rate distribution.");
        Field(s => s.Alpha).Description("Scale of the purchase-rate distribution, in `timeUnit`s.");
        Field(s => s.A).Description("Beta a of the dropout probability.");
        Field(s => s.B).Description("Beta b of the dropout probability.");
        Field("logLikelihood", s => s.BgNbdLogLikelihood).Description("Log-likelihood of the fit.");
    }
}

public sealed class GammaGammaType : ObjectGraphType<ClvSnapshot>
{
    public GammaGammaType()
    {
        Name = "GammaGamma";
        Description = "Gamma-Gamma parameters of spend per purchase.";
        Field<NonNullGraphType<FloatGraphType>>("p").Description("Shape of the spend per transaction.").Resolve(ctx => ctx.Source.P);
        Field<NonNullGraphType<FloatGraphType>>("q").Description("Shape of the spend scale across customers.").Resolve(ctx => ctx.Source.Q);
        Field<NonNullGraphType<FloatGraphType>>("gamma").Description("Scale of the spend scale across customers.").Resolve(ctx => ctx.Source.Gamma);
        Field("logLikelihood", s => s.GammaGammaLogLikelihood, nullable: true).Description("Log-likelihood of the fit.");
        Field("customerCount", s => s.GammaGammaCustomerCount).Description("Repeat customers it was fitted on.");
        Field(s => s.SpendFrequencyCorrelation, nullable: true).Description("Pearson correlation of repeat frequency and mean spend; the model assumes it is near zero.");
    }
}
