using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentStatusType() : DescribedEnumType<ExperimentStatus>("Where an experiment is in its life.");
