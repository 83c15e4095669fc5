using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Lifetime;
using Personalize.Lifetime.Selection;
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
            .Description("Predicted CLV: expected purchases of the purchase model in use × Gamma-Gamma expected spend (× margin rate when known), discounted monthly over `months`.")
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
            .Description("Purchases (distinct purchase days) expected in the next `days` days, from the purchase model in use given this customer's history.")
            .Argument<NonNullGraphType<IntGraphType>>("days", "Horizon in days (1-3650).")
            .ResolveAsync(async ctx =>
            {
                var days = ctx.GetArgument<int>("days");
                if (days is < 1 or > 3650) throw new ExecutionError("days: between 1 and 3650.") { Code = "INVALID_ARGUMENT" };
                var snapshot = await Snapshot(ctx);
                var s = ctx.Source;
                return snapshot.PurchaseModelInUse().ConditionalExpectedPurchases(snapshot.TimeUnit.FromDays(days), s.Frequency, s.Recency, s.Age);
            });
        Field(s => s.ProbabilityAlive).Description("The purchase model's probability that the customer is still active (0-1).");
        Field(s => s.AverageOrderValue).Description("Mean order amount so far.");
        Field(s => s.ExpectedAverageOrderValue).Description("Gamma-Gamma expected spend per future purchase (the customer's own average when no spend model could be fitted).");
        Field<NonNullGraphType<RfmType>>("rfm").Description("Recency, frequency and monetary quintiles among all scored customers.").Resolve(ctx => ctx.Source);
        Field("repeatPurchases", s => s.Frequency).Description("x: distinct purchase days after the first.");
        Field(s => s.AsOf).Description("The date the scores describe.");
        Field("computedAt", s => s.ScoredAt).Description("When the scores were computed.");
    }

    private static double DiscountedPurchases(ClvSnapshot snapshot, CustomerScore s, int months) =>
        PredictiveClv.Calculate(snapshot.PurchaseModelInUse(), s.Frequency, s.Recency, s.Age, snapshot.TimeUnit, expectedSpend: 1, marginRate: null,
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

public sealed class ClvTimeUnitType() : DescribedEnumType<ClvTimeUnit>("The time unit the purchase models are fitted in.");

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
        Field<NonNullGraphType<ClvPurchaseModelType>>("purchaseModel").Description("The purchase model in use, chosen by `selectionRule`.").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<SelectionRuleType>>("selectionRule").Description("How the purchase model in use was chosen.").Resolve(ctx => ctx.Source.SelectionRule);
        Field(s => s.SelectionReason).Description("Why it was chosen, in a sentence.");
        Field(s => s.HoldoutDays).Description("Days before the as-of date held out for the back-test.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClvModelCandidateType>>>>("candidates")
            .Description("Every purchase model considered, with its log-likelihood, BIC and back-test figures.").Resolve(ctx => ctx.Source.CandidateList());
        Field<BgNbdType>("bgNbd").Description("The BG/NBD fit on the whole history (Fader, Hardie & Lee 2005), whether or not it is the model in use; null when it could not be fitted or was not a candidate.")
            .Resolve(ctx => ctx.Source.CandidateList().FirstOrDefault(c => c.Kind == PurchaseModelKind.BgNbd && c.Usable));
        Field<ClvRecomputeFailureType>("lastFailure")
            .Description("The latest recompute after this snapshot that stored nothing because no model fitted (this snapshot stays in use); null when there is none.")
            .ResolveAsync(async ctx => await ctx.Service<ClvModelStore>().FailureSinceCurrentAsync(ctx.CancellationToken));
        Field<GammaGammaType>("gammaGamma").Description("The spend model (Fader & Hardie 2013); null when too few repeat customers to fit it.").Resolve(ctx => ctx.Source.P is null ? null : ctx.Source);
        Field(s => s.HorizonMonths).Description("Months of future purchases counted in predicted CLV.");
        Field(s => s.AnnualDiscountRate).Description("Annual discount rate of predicted CLV.");
        Field(s => s.LoyalClvThreshold).Description("Predicted CLV from which an active customer is LOYAL.");
        Field(s => s.DurationSeconds).Description("How long the recompute took.");
    }
}

public sealed class BgNbdType : ObjectGraphType<PurchaseModelCandidate>
{
    public BgNbdType()
    {
        Name = "BgNbd";
        Description = "BG/NBD parameters: purchase rates ~ Gamma(r, α), dropout probabilities ~ Beta(a, b).";
        Field<NonNullGraphType<FloatGraphType>>("r").Description("Shape of the purchase-rate distribution.").Resolve(ctx => ctx.Source.Parameters!["r"]);
        Field<NonNullGraphType<FloatGraphType>>("alpha").Description("Scale of the purchase-rate distribution, in `timeUnit`s.").Resolve(ctx => ctx.Source.Parameters!["alpha"]);
        Field<NonNullGraphType<FloatGraphType>>("a").Description("Beta a of the dropout probability.").Resolve(ctx => ctx.Source.Parameters!["a"]);
        Field<NonNullGraphType<FloatGraphType>>("b").Description("Beta b of the dropout probability.").Resolve(ctx => ctx.Source.Parameters!["b"]);
        Field<NonNullGraphType<FloatGraphType>>("logLikelihood").Description("Log-likelihood of the fit.").Resolve(ctx => ctx.Source.LogLikelihood);
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
