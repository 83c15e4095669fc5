using Personalize.Api.GraphQL;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentAnalysisType : DescribedEnumType<ExperimentAnalysisKind>
{
    public ExperimentAnalysisType()
        : base(
            "Which inference an experiment report shows in `pValue`, `lower` and "
                + "`upper`; both are always available by name."
        ) => Name = "ExperimentAnalysis";
}
