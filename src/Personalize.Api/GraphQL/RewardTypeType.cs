using Personalize.Offers;

namespace Personalize.Api.GraphQL;

public sealed class RewardTypeType() : DescribedEnumType<RewardType>("What a customer gets from an offer.");
