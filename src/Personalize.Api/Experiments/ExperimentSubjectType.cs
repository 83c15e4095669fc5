using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentSubjectType() : DescribedEnumType<ExperimentSubject>("What an experiment varies.");
