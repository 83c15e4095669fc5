using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentMetricType()
    : DescribedEnumType<ExperimentMetric>(
        "A metric of an experiment's exposed customers: the primary metrics, then the guardrails."
    );
