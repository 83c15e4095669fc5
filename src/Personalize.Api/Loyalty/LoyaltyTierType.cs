using GraphQL.Types;
using Microsoft.Extensions.Options;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

/// <summary>The configured tiers as an enum, lowest first: a client can switch over them, and a typo is a validation
/// error.</summary>
public sealed class LoyaltyTierType : EnumerationGraphType
{
    public LoyaltyTierType(IOptions<LoyaltyOptions> options)
    {
        Name = "LoyaltyTier";
        Description =
            "A loyalty tier, lowest first; the tiers and their spend thresholds are configuration (Loyalty:Tiers).";
        foreach (var tier in options.Value.OrderedTiers())
            Add(
                tier.Name,
                tier.Name,
                $"From {tier.MinSpend:0.##} spent over the rolling last 12 months; points × {tier.Multiplier:0.##}."
            );
    }
}
