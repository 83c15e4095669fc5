using GraphQL.Types;
using Personalize.Customers;

namespace Personalize.Api.Customers;

public sealed class UpsertCustomerInputType : InputObjectGraphType<UpsertCustomerInput>
{
    public UpsertCustomerInputType()
    {
        Name = "UpsertCustomerInput";
        Description = "A customer's fields; null or absent fields keep their stored values.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The caller's own customer id (1-128 characters).");
        Field(c => c.Email, nullable: true).Description("Email address.");
        Field(c => c.Name, nullable: true).Description("Full name (at most 200 characters).");
        Field(c => c.Country, nullable: true).Description("ISO 3166-1 alpha-2 country code, e.g. FR.");
        Field(c => c.Locale, nullable: true).Description("BCP 47 locale, e.g. fr-FR.");
        Field(c => c.ConsentPersonalization, nullable: true)
            .Description("Whether the customer agrees to personalization.");
        Field(c => c.ConsentEmailMarketing, nullable: true)
            .Description("Whether the customer agrees to marketing emails.");
        Field(c => c.CreatedAt, nullable: true)
            .Description("When the customer signed up (UTC); defaults to now on creation, ignored on update.");
    }
}
