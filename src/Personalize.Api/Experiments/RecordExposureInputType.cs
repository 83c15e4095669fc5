using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class RecordExposureInputType : InputObjectGraphType<RecordExposureInput>
{
    public RecordExposureInputType()
    {
        Name = "RecordExposureInput";
        Description = "A customer was shown an experiment.";
        Field<NonNullGraphType<IdGraphType>>("experimentId").Description("The experiment's id (it must be RUNNING).");
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The caller's own customer id (the customer must exist).");
        Field(x => x.ExposedAt, nullable: true).Description("When it was shown (default: now).");
    }
}
