using Personalize.Offers;

namespace Personalize.Api.GraphQL;

public sealed class OfferStatusType() : DescribedEnumType<OfferStatus>("Whether an offer may be given.");
