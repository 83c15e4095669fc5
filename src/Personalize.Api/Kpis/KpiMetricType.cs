using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class KpiMetricType() : DescribedEnumType<KpiMetric>("A key figure that can be charted over time.");
