using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentAllocationType()
    : DescribedEnumType<ExperimentAllocation>("How an experiment splits new customers between its variants.");
