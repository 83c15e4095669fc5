using GraphQL.Types;
using Personalize.Common;

namespace Personalize.Api.Lifecycle;

public sealed class LifecycleStageType : EnumerationGraphType<LifecycleStage>
{
    public LifecycleStageType()
    {
        Name = "LifecycleStage";
        Description =
            "Where a customer stands in the relationship; content and rewards differ by stage. Thresholds "
            + "are configuration.";
    }
}
