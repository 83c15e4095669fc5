using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentVerdictType()
    : DescribedEnumType<ExperimentVerdict>("What to do with an experiment now.");
