using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Personalize.Experiments;

/// <summary>
/// Deterministic assignment: a customer's position in [0, 1) is the SHA-256 of "experiment key/customer id", so the
/// same customer always lands in the same arm (sticky without any lookup), and two experiments, having different
/// keys, split customers independently. The holdout takes the bottom of the range; the rest is cut by variant weight.
/// </summary>
public static class VariantAssigner
{
    /// <returns>The variant, or null when the customer falls in the holdout.</returns>
    /// <param name="bandit">A Thompson-sampling experiment's allocation after its burn-in: the variants' probabilities replace their weights.</param>
    public static ExperimentVariant? Assign(Experiment experiment, string customerId, BanditState? bandit = null)
    {
        var position = Position(experiment.Key, customerId);
        if (position < experiment.HoldoutShare)
            return null;

        var withinVariants = (position - experiment.HoldoutShare) / (1 - experiment.HoldoutShare);
        if (bandit is { BurnedIn: true })
        {
            var sum = 0d;
            var byKey = experiment.Variants.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
            foreach (var variant in byKey)
            {
                sum += bandit.Probabilities.GetValueOrDefault(variant.Id);
                if (withinVariants < sum)
                    return variant;
            }
            return byKey[^1];
        }
        var target = withinVariants * experiment.Variants.Sum(v => v.Weight);
        var cumulative = 0d;
        var ordered = experiment.Variants.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
        foreach (var variant in ordered)
        {
            cumulative += variant.Weight;
            if (target < cumulative)
                return variant;
        }
        return ordered[^1];
    }

    /// <summary>A uniform number in [0, 1) fixed by the experiment key and the customer id.</summary>
    public static double Position(string experimentKey, string customerId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentKey}/{customerId}"), hash);
        // The top 53 bits make an exactly representable double in [0, 1).
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
