using Personalize.Api.GraphQL;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class LoyaltyEntryKindType() : DescribedEnumType<LoyaltyEntryKind>("What moved a customer's points.");
