using GraphQL.Types;
using Personalize.Privacy;

namespace Personalize.Api.Privacy;

public sealed class SetConsentInputType : InputObjectGraphType<SetConsentInput>
{
    public SetConsentInputType()
    {
        Name = "SetConsentInput";
        Description = "A customer's consents; an absent consent keeps its stored value.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field(c => c.Personalization, nullable: true)
            .Description("Whether the customer agrees to personalized content and offers.");
        Field(c => c.EmailMarketing, nullable: true).Description("Whether the customer agrees to marketing emails.");
    }
}
