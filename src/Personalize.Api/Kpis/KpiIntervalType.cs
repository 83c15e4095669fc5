using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class KpiIntervalType() : DescribedEnumType<KpiInterval>("The width of a trend's buckets.");
