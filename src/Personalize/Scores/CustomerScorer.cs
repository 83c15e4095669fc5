using Microsoft.Extensions.Options;
using Personalize.Customers;
using Personalize.Lifecycle;
using Personalize.Lifetime;

namespace Personalize.Scores;

/// <summary>Applies a snapshot's fitted models to one customer's statistics: the one place a score is
/// computed.</summary>
public sealed class CustomerScorer(LifecycleClassifier classifier)
{
    /// <param name="ifAlive">
    /// <see cref="PredictiveClv.IfAlive"/> for the customer's (x, T) under this snapshot, when the caller shares it
    /// between customers (a recompute); computed here otherwise.
    /// </param>
    public SnapshotScore Score(
        long customerId,
        CustomerStatistics statistics,
        ClvSnapshot snapshot,
        RfmScore rfm,
        AlivePurchases? ifAlive = null
    )
    {
        var purchases = snapshot.PurchaseModelInUse();
        var (x, tx, T) = (statistics.Frequency, statistics.Recency, statistics.Age);
        // Without a Gamma-Gamma fit (too few repeat buyers), the customer's own average order is the best spend
        // estimate.
        var expectedSpend = snapshot.SpendModel()?.ConditionalExpectedAverageSpend(x, (double)statistics.MonetaryValue)
            ?? (double)statistics.AverageOrderValue;
        var marginRate = statistics.MarginRate is { } rate ? (double)rate : (double?)null;
        var probabilityAlive = purchases.ProbabilityAlive(x, tx, T);
        var clv = PredictiveClv.Calculate(
            ifAlive ?? IfAlive(snapshot, x, T),
            probabilityAlive,
            expectedSpend,
            marginRate
        );
        return new SnapshotScore
        {
            SnapshotId = snapshot.Id,
            CustomerId = customerId,
            RepeatPurchases = x,
            RecencyPeriods = tx,
            AgePeriods = T,
            MonetaryValue = statistics.MonetaryValue,
            ProbabilityAlive = probabilityAlive,
            ExpectedPurchases = clv.ExpectedPurchases,
            PredictedClv = Money(clv.Value),
            HistoricalClv = Money(statistics.HistoricalClv),
            AverageOrderValue = Money(statistics.AverageOrderValue),
            ExpectedAverageOrderValue = Money(expectedSpend),
            RfmRecency = rfm.Recency,
            RfmFrequency = rfm.Frequency,
            RfmMonetary = rfm.Monetary,
            RhythmDueAt = classifier.RhythmDueAt(statistics.LastOrderAt, x, tx * snapshot.TimeUnit.DaysPerUnit()),
        };
    }

    /// <summary>The part of a score shared by every customer with the same (x, T).</summary>
    public static AlivePurchases IfAlive(ClvSnapshot snapshot, int x, double T) =>
        PredictiveClv.IfAlive(
            snapshot.PurchaseModelInUse(),
            x,
            T,
            snapshot.TimeUnit,
            new PredictiveClvOptions
            {
                HorizonMonths = snapshot.HorizonMonths,
                AnnualDiscountRate = snapshot.AnnualDiscountRate,
            }
        );

    /// <summary>The current-score columns of a customer, from a score.</summary>
    public static void Apply(Customer customer, SnapshotScore score, ClvSnapshot snapshot, DateTime scoredAt)
    {
        customer.ScoreSnapshotId = snapshot.Id;
        customer.ScoresAsOf = snapshot.AsOf;
        customer.ScoredAt = scoredAt;
        customer.RepeatPurchases = score.RepeatPurchases;
        customer.RecencyPeriods = score.RecencyPeriods;
        customer.AgePeriods = score.AgePeriods;
        customer.MonetaryValue = score.MonetaryValue;
        customer.ProbabilityAlive = score.ProbabilityAlive;
        customer.ExpectedPurchases = score.ExpectedPurchases;
        customer.PredictedClv = score.PredictedClv;
        customer.HistoricalClv = score.HistoricalClv;
        customer.AverageOrderValue = score.AverageOrderValue;
        customer.ExpectedAverageOrderValue = score.ExpectedAverageOrderValue;
        customer.RfmRecency = score.RfmRecency;
        customer.RfmFrequency = score.RfmFrequency;
        customer.RfmMonetary = score.RfmMonetary;
        customer.RfmScore = score.RfmRecency * 100 + score.RfmFrequency * 10 + score.RfmMonetary;
        customer.RhythmDueAt = score.RhythmDueAt;
    }

    /// <summary>What the score cache holds for a scored customer; null when the customer has no scores.</summary>
    public static CustomerScore? ToCached(Customer c) =>
        c.ScoreSnapshotId is not { } snapshotId
            ? null
            : new CustomerScore(
                c.Id,
                snapshotId,
                c.ScoresAsOf!.Value,
                c.ScoredAt!.Value,
                c.RepeatPurchases!.Value,
                c.RecencyPeriods!.Value,
                c.AgePeriods!.Value,
                c.MonetaryValue!.Value,
                c.ProbabilityAlive!.Value,
                c.ExpectedPurchases!.Value,
                c.PredictedClv!.Value,
                c.HistoricalClv!.Value,
                c.AverageOrderValue!.Value,
                c.ExpectedAverageOrderValue!.Value,
                c.RfmRecency!.Value,
                c.RfmFrequency!.Value,
                c.RfmMonetary!.Value,
                c.Stage
            );

    /// <summary>What the score cache holds for a snapshot row.</summary>
    public static CustomerScore ToCached(SnapshotScore s, ClvSnapshot snapshot, DateTime scoredAt) =>
        new(
            s.CustomerId,
            snapshot.Id,
            snapshot.AsOf,
            scoredAt,
            s.RepeatPurchases,
            s.RecencyPeriods,
            s.AgePeriods,
            s.MonetaryValue,
            s.ProbabilityAlive,
            s.ExpectedPurchases,
            s.PredictedClv,
            s.HistoricalClv,
            s.AverageOrderValue,
            s.ExpectedAverageOrderValue,
            s.RfmRecency,
            s.RfmFrequency,
            s.RfmMonetary,
            s.Stage
        );

    private static decimal Money(double value) => double.IsFinite(value) ? Money((decimal)value) : 0m;

    // Rounded to cents without trailing zeros, so a score reads the same from the cache and from the database (REAL on
    // SQLite).
    private static decimal Money(decimal value) => Math.Round(value, 2) / 1.000000000000000000000000000000000m;
}
