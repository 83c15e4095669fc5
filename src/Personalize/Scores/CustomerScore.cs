using Personalize.Common;

namespace Personalize.Scores;

/// <summary>
/// A customer's current scores: what the score cache holds and what the database keeps on the customer row.
/// Model inputs (x, t_x, T) are in the snapshot's time unit; money in the store currency.
/// </summary>
public sealed record CustomerScore(
    long CustomerId,
    long SnapshotId,
    DateTime AsOf,
    DateTime ScoredAt,
    int Frequency,
    double Recency,
    double Age,
    decimal MonetaryValue,
    double ProbabilityAlive,
    double ExpectedPurchases,
    decimal PredictedClv,
    decimal HistoricalClv,
    decimal AverageOrderValue,
    decimal ExpectedAverageOrderValue,
    int RfmRecency,
    int RfmFrequency,
    int RfmMonetary,
    LifecycleStage Stage
);
