using GraphQL.Types;
using Personalize.Webhooks;

namespace Personalize.Api.Webhooks;

public sealed class RotateWebhookSecretInputType : InputObjectGraphType
{
    public RotateWebhookSecretInputType()
    {
        Name = "RotateWebhookSecretInput";
        Description =
            "A new signing secret for an endpoint, with an overlap during which requests carry both signatures.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The endpoint's id.");
        Field<IntGraphType>("overlapHours")
            .Description("How long the old secret still signs (0-720 hours; default 24).")
            .DefaultValue(24);
        Field<StringGraphType>("secret").Description("The new secret, \"whsec_\" + base64; absent: one is made.");
    }
}
