using Personalize.Api.GraphQL;
using Personalize.Lifetime;

namespace Personalize.Api.Scores;

public sealed class ClvTimeUnitType()
    : DescribedEnumType<ClvTimeUnit>("The time unit the purchase models are fitted in.");
