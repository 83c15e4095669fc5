using Personalize.Common;
using Personalize.Scores;

namespace Personalize.Tests.Scores;

public static class ScoreSamples
{
    private static readonly LifecycleStage[] Stages = Enum.GetValues<LifecycleStage>();

    /// <summary>A score whose every field depends on the id, with awkward decimals and both DateTime kinds.</summary>
    public static CustomerScore For(long customerId) =>
        new(
            customerId,
            SnapshotId: 42 + customerId % 3,
            AsOf: new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            ScoredAt: new DateTime(2026, 11, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(customerId),
            Frequency: (int)(customerId % 17),
            Recency: customerId * 0.125,
            Age: 365.25 + customerId,
            MonetaryValue: 12.3456789m + customerId,
            ProbabilityAlive: 1.0 / (1 + customerId),
            ExpectedPurchases: Math.PI * customerId,
            PredictedClv: -0.01m * customerId,
            HistoricalClv: 79228162514264337593543950335m - customerId,
            AverageOrderValue: 0.0000000000000000000000000001m * customerId,
            ExpectedAverageOrderValue: 1_000_000.50m,
            RfmRecency: (int)(customerId % 5) + 1,
            RfmFrequency: (int)(customerId % 4) + 1,
            RfmMonetary: int.MaxValue,
            Stages[customerId % Stages.Length]
        );

    public static CustomerScore[] ForRange(long firstId, int count) =>
        Enumerable.Range(0, count).Select(i => For(firstId + i)).ToArray();
}
